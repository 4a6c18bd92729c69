package io.wssocket.handshake;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Incremental parser of an HTTP/1.1 request head (RFC 9112 §2–§5): feed it bytes as they arrive,
 * split anywhere, until {@link #parse} returns true. It consumes exactly the head, up to and
 * including the empty line that ends it, and leaves whatever follows (the first WebSocket frames)
 * in the buffer.
 *
 * <p>Limits are checked at the byte that crosses them, so no more than a limit's worth of a line
 * is ever held: a request-line over {@link HandshakeLimits#maxRequestLineLength()} fails with 414,
 * too many or too large header fields with 431, anything malformed with 400. The line handling
 * and the header fields are {@link HttpHeadReader}'s; this class reads the request-line. Not
 * thread-safe; one instance per request.
 */
public final class HttpRequestParser {
    private static final byte SP = ' ';

    private final HandshakeLimits limits;
    private final HttpHeadReader<HttpStatusException> head;

    private int leadingEmptyLineBytes;
    private String method;
    private String target;
    private String version;
    private HttpRequest request;

    public HttpRequestParser(HandshakeLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        // RFC 9112 §5.2: a server must reject obs-fold in a request (or replace it); rejected.
        this.head = new HttpHeadReader<>(limits, HttpHeadReader.ObsFold.REJECT, this::requestLine,
                new RequestFailures());
    }

    /**
     * Consumes bytes of the request head from {@code in}.
     *
     * @return true when the head is complete (bytes after it are left in {@code in}); false when
     *     all of {@code in} was consumed and more bytes are needed
     * @throws HttpStatusException when the head is malformed or crosses a limit; every later call
     *     throws the same exception
     */
    public boolean parse(ByteBuffer in) throws HttpStatusException {
        if (request == null && head.read(in)) {
            request = HttpRequest.parsed(method, target, version, head.fields());
        }
        return request != null;
    }

    /** The parsed request head; only after {@link #parse} returned true. */
    public HttpRequest request() {
        if (request == null) {
            throw new IllegalStateException("The request head is not complete yet");
        }
        return request;
    }

    /** The start line, or an empty line before it; false for an empty line. */
    private boolean requestLine(HeadLine line) throws HttpStatusException {
        if (line.length() == 0) {
            // RFC 9112 §2.2: empty lines before the request-line should be ignored; bounded so
            // that a stream of CRLFs cannot keep the connection busy forever.
            leadingEmptyLineBytes += line.wireLength();
            if (leadingEmptyLineBytes > limits.maxRequestLineLength()) {
                throw new HttpStatusException(400, "Too many empty lines before the request line");
            }
            return false;
        }
        parseRequestLine(line);
        return true;
    }

    /** RFC 9112 §3: request-line = method SP request-target SP HTTP-version. */
    private void parseRequestLine(HeadLine line) throws HttpStatusException {
        int length = line.length();
        int sp1 = line.indexOf(SP, 0, length);
        int sp2 = sp1 < 0 ? -1 : line.indexOf(SP, sp1 + 1, length);
        if (sp1 <= 0 || sp2 < 0 || sp2 == sp1 + 1 || sp2 == length - 1 || line.indexOf(SP, sp2 + 1, length) >= 0) {
            throw new HttpStatusException(400,
                    "Malformed request line: expected 'METHOD SP request-target SP HTTP-version'");
        }
        // RFC 9110 §9.1: method = token.
        for (int i = 0; i < sp1; i++) {
            if (!HttpSyntax.isTokenChar(line.at(i))) {
                throw new HttpStatusException(400,
                        "Malformed request line: the method must be a token (RFC 9110 §9.1)");
            }
        }
        // RFC 9112 §3.2 / RFC 3986: the request-target is visible US-ASCII, no whitespace.
        for (int i = sp1 + 1; i < sp2; i++) {
            if (line.at(i) < 0x21 || line.at(i) > 0x7E) {
                throw new HttpStatusException(400,
                        "Malformed request line: the request-target contains a byte that is not visible ASCII");
            }
        }
        int v = sp2 + 1;
        if (length - v != 8 || !line.isHttpVersion(v)) {
            throw new HttpStatusException(400, "Malformed request line: the version must look like HTTP/1.1");
        }
        method = line.ascii(0, sp1);
        target = line.ascii(sp1 + 1, sp2);
        version = line.ascii(v, length);
    }

    /** A server answers a bad request head with 414, 431 or 400 (RFC 9110 §15.5.15, RFC 6585 §5). */
    private static final class RequestFailures implements HttpHeadReader.Failures<HttpStatusException> {
        @Override
        public HttpStatusException limitCrossed(HttpHeadReader.Limit limit, int max) {
            return switch (limit) {
                case START_LINE_LENGTH -> new HttpStatusException(414,
                        "The request line is longer than " + max + " bytes");
                case FIELD_COUNT -> new HttpStatusException(431, "The request has more than " + max + " header fields");
                case FIELD_BYTES -> new HttpStatusException(431,
                        "The request header fields are larger than " + max + " bytes");
            };
        }

        @Override
        public HttpStatusException malformedField(String description) {
            return new HttpStatusException(400, description);
        }
    }
}
