package io.wssocket.handshake;

import java.nio.ByteBuffer;

/**
 * Incremental parser of the HTTP/1.1 response head that answers a client's opening handshake
 * (RFC 9112 §2–§5): feed it bytes as they arrive, split anywhere, until {@link #parse} returns
 * true. It consumes exactly the head, up to and including the empty line that ends it, and leaves
 * whatever follows (the server's first WebSocket frames) in the buffer.
 *
 * <p>The server's head is held to the same {@link HandshakeLimits} a server applies to requests:
 * {@code maxRequestLineLength} bounds the status line, {@code maxHeaderCount} and
 * {@code maxHeaderBytes} the header fields, each checked at the byte that crosses it. The line
 * handling and the header fields are {@link HttpHeadReader}'s; this class reads the status line.
 * Not thread-safe; one instance per handshake.
 */
public final class HttpResponseParser {
    private static final byte SP = ' ';
    /** "HTTP/1.1 101": HTTP-version SP 3DIGIT. */
    private static final int VERSION_AND_CODE_LENGTH = 12;
    private static final int MAX_QUOTED_LENGTH = 80;

    private final HttpHeadReader<HandshakeFailedException> head;

    private String version;
    private int status;
    private String reason;
    private HttpResponse response;

    public HttpResponseParser(HandshakeLimits limits) {
        // RFC 9112 §5.2: a user agent may replace obs-fold in a response with SP; more lenient
        // than failing the connection on a header the client may not even look at.
        this.head = new HttpHeadReader<>(limits, HttpHeadReader.ObsFold.REPLACE_WITH_SP, this::statusLine,
                new ResponseFailures());
    }

    /**
     * Consumes bytes of the response head from {@code in}.
     *
     * @return true when the head is complete (bytes after it are left in {@code in}); false when
     *     all of {@code in} was consumed and more bytes are needed
     * @throws HandshakeFailedException when the head is malformed or crosses a limit (the client
     *     must fail the connection, RFC 6455 §4.1); every later call throws the same exception
     */
    public boolean parse(ByteBuffer in) throws HandshakeFailedException {
        if (response == null && head.read(in)) {
            response = new HttpResponse(version, status, reason, head.fields());
        }
        return response != null;
    }

    /** The parsed response head; only after {@link #parse} returned true. */
    public HttpResponse response() {
        if (response == null) {
            throw new IllegalStateException("The response head is not complete yet");
        }
        return response;
    }

    /**
     * RFC 9112 §4: status-line = HTTP-version SP status-code SP [ reason-phrase ], status-code =
     * 3DIGIT. A missing SP before an empty reason is tolerated, as servers omit it. Unlike a
     * request-line, no empty line may come first: a server sends none.
     */
    private boolean statusLine(HeadLine line) throws HandshakeFailedException {
        int length = line.length();
        if (length < VERSION_AND_CODE_LENGTH || !line.isHttpVersion(0) || line.at(8) != SP
                || !line.isDigit(9) || !line.isDigit(10) || !line.isDigit(11)
                || (length > VERSION_AND_CODE_LENGTH && line.at(VERSION_AND_CODE_LENGTH) != SP)) {
            throw new HandshakeFailedException("Malformed status line \"" + printable(line)
                    + "\": expected 'HTTP/1.1 101 Switching Protocols' (RFC 9112 §4); is the server speaking HTTP?");
        }
        // RFC 9112 §4: reason-phrase = 1*( HTAB / SP / VCHAR / obs-text ).
        int reasonStart = Math.min(VERSION_AND_CODE_LENGTH + 1, length);
        if (line.indexOfControl(reasonStart, length) >= 0) {
            throw new HandshakeFailedException(
                    "The server's reason phrase contains a control character (RFC 9112 §4)");
        }
        version = line.ascii(0, 8);
        status = (line.at(9) - '0') * 100 + (line.at(10) - '0') * 10 + (line.at(11) - '0');
        reason = line.latin1(reasonStart, length);
        return true;
    }

    /** For messages: the start of the line as ISO-8859-1, control characters shown as '?'. */
    private static String printable(HeadLine line) {
        int end = Math.min(line.length(), MAX_QUOTED_LENGTH);
        StringBuilder sb = new StringBuilder(end);
        for (int i = 0; i < end; i++) {
            int b = line.at(i) & 0xFF;
            sb.append(b < 0x20 || b == 0x7F ? '?' : (char) b);
        }
        return sb.toString();
    }

    /** The client fails the connection (RFC 6455 §4.1), saying which limit or rule the server broke. */
    private static final class ResponseFailures implements HttpHeadReader.Failures<HandshakeFailedException> {
        @Override
        public HandshakeFailedException limitCrossed(HttpHeadReader.Limit limit, int max) {
            return new HandshakeFailedException(switch (limit) {
                case START_LINE_LENGTH -> "The server's status line is longer than " + max
                        + " bytes (HandshakeLimits.maxRequestLineLength); is it an HTTP server?";
                case FIELD_COUNT -> "The server's response has more than " + max
                        + " header fields (HandshakeLimits.maxHeaderCount)";
                case FIELD_BYTES -> "The server's response header fields are larger than " + max
                        + " bytes (HandshakeLimits.maxHeaderBytes)";
            });
        }

        @Override
        public HandshakeFailedException malformedField(String description) {
            return new HandshakeFailedException("In the server's response: " + description);
        }
    }
}
