package io.wssocket.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Incremental parser of an HTTP/1.1 request head (RFC 9112 §2–§5): feed it bytes as they arrive,
 * split anywhere, until {@link #parse} returns true. It consumes exactly the head, up to and
 * including the empty line that ends it, and leaves whatever follows (the first WebSocket frames)
 * in the buffer.
 *
 * <p>Limits are checked at the byte that crosses them, so no more than a limit's worth of a line
 * is ever held. One line buffer, reused; not thread-safe; one instance per request.
 */
public final class HttpRequestParser {
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte SP = ' ';
    private static final byte HT = '\t';

    private enum State { REQUEST_LINE, HEADERS, DONE }

    private final HandshakeLimits limits;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    private State state = State.REQUEST_LINE;
    private byte[] line = new byte[128];
    private int lineLength;
    private int leadingEmptyLineBytes;
    private int headerCount;
    private int headerBytes;
    private String method;
    private String target;
    private String version;
    private HttpRequest request;
    private HttpStatusException failure;

    public HttpRequestParser(HandshakeLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
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
        if (failure != null) {
            throw failure;
        }
        if (state == State.DONE) {
            return true;
        }
        try {
            while (in.hasRemaining()) {
                byte b = in.get();
                if (b == LF) {
                    if (endOfLine()) {
                        return true;
                    }
                } else {
                    append(b);
                }
            }
            return false;
        } catch (HttpStatusException e) {
            failure = e;
            throw e;
        }
    }

    /** The parsed request head; only after {@link #parse} returned true. */
    public HttpRequest request() {
        if (request == null) {
            throw new IllegalStateException("The request head is not complete yet");
        }
        return request;
    }

    private void append(byte b) throws HttpStatusException {
        int newLength = lineLength + 1;
        if (state == State.REQUEST_LINE) {
            // One byte of slack for the CR of the line ending.
            int max = limits.maxRequestLineLength();
            if (newLength > max + 1 || (newLength == max + 1 && b != CR)) {
                throw new HttpStatusException(414,
                        "The request line is longer than " + max + " bytes");
            }
        } else {
            // A lone CR at the start of a line may be the empty line that ends the head: not counted.
            boolean mayEndHead = lineLength == 0 && b == CR;
            if (!mayEndHead) {
                if (lineLength == 0 && headerCount == limits.maxHeaderCount()) {
                    throw tooManyHeaders();
                }
                if (headerBytes + newLength > limits.maxHeaderBytes()) {
                    throw headersTooLarge();
                }
            }
        }
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, line.length * 2);
        }
        line[lineLength++] = b;
    }

    /** Handles a complete line (LF seen); true when it was the empty line ending the head. */
    private boolean endOfLine() throws HttpStatusException {
        // RFC 9112 §2.2: a line ends with CRLF; a recipient may accept a bare LF.
        int rawLength = lineLength + 1;
        int length = lineLength > 0 && line[lineLength - 1] == CR ? lineLength - 1 : lineLength;
        lineLength = 0;
        if (state == State.REQUEST_LINE) {
            if (length == 0) {
                // RFC 9112 §2.2: empty lines before the request-line should be ignored; bounded so
                // that a stream of CRLFs cannot keep the connection busy forever.
                leadingEmptyLineBytes += rawLength;
                if (leadingEmptyLineBytes > limits.maxRequestLineLength()) {
                    throw new HttpStatusException(400,
                            "Too many empty lines before the request line");
                }
                return false;
            }
            parseRequestLine(length);
            state = State.HEADERS;
            return false;
        }
        if (length == 0) {
            state = State.DONE;
            request = new HttpRequest(method, target, version, headers);
            return true;
        }
        headerBytes += rawLength;
        if (headerBytes > limits.maxHeaderBytes()) {
            throw headersTooLarge();
        }
        if (++headerCount > limits.maxHeaderCount()) {
            throw tooManyHeaders();
        }
        parseHeaderLine(length);
        return false;
    }

    /** RFC 9112 §3: request-line = method SP request-target SP HTTP-version. */
    private void parseRequestLine(int length) throws HttpStatusException {
        int sp1 = indexOf(SP, 0, length);
        int sp2 = sp1 < 0 ? -1 : indexOf(SP, sp1 + 1, length);
        if (sp1 <= 0 || sp2 < 0 || sp2 == sp1 + 1 || sp2 == length - 1 || indexOf(SP, sp2 + 1, length) >= 0) {
            throw new HttpStatusException(400,
                    "Malformed request line: expected 'METHOD SP request-target SP HTTP-version'");
        }
        // RFC 9110 §9.1: method = token.
        for (int i = 0; i < sp1; i++) {
            if (!HttpSyntax.isTokenChar(line[i])) {
                throw new HttpStatusException(400,
                        "Malformed request line: the method must be a token (RFC 9110 §9.1)");
            }
        }
        // RFC 9112 §3.2 / RFC 3986: the request-target is visible US-ASCII, no whitespace.
        for (int i = sp1 + 1; i < sp2; i++) {
            if (line[i] < 0x21 || line[i] > 0x7E) {
                throw new HttpStatusException(400,
                        "Malformed request line: the request-target contains a byte that is not visible ASCII");
            }
        }
        // RFC 9112 §2.3: HTTP-version = "HTTP/" DIGIT "." DIGIT.
        int v = sp2 + 1;
        if (length - v != 8 || line[v] != 'H' || line[v + 1] != 'T' || line[v + 2] != 'T' || line[v + 3] != 'P'
                || line[v + 4] != '/' || !isDigit(line[v + 5]) || line[v + 6] != '.' || !isDigit(line[v + 7])) {
            throw new HttpStatusException(400,
                    "Malformed request line: the version must look like HTTP/1.1");
        }
        method = ascii(0, sp1);
        target = ascii(sp1 + 1, sp2);
        version = ascii(v, length);
    }

    /** RFC 9112 §5: field-line = field-name ":" OWS field-value OWS. */
    private void parseHeaderLine(int length) throws HttpStatusException {
        if (line[0] == SP || line[0] == HT) {
            // RFC 9112 §5.2: obs-fold outside message/http must be rejected or replaced.
            throw new HttpStatusException(400,
                    "Obsolete header line folding (a line starting with whitespace) is not allowed (RFC 9112 §5.2)");
        }
        int colon = indexOf((byte) ':', 0, length);
        if (colon < 0) {
            throw new HttpStatusException(400, "Malformed header line: no ':' after the field name");
        }
        if (colon == 0) {
            throw new HttpStatusException(400, "Malformed header line: empty field name");
        }
        for (int i = 0; i < colon; i++) {
            byte b = line[i];
            if (b == SP || b == HT) {
                // RFC 9112 §5.1: no whitespace between field name and colon; must be rejected with 400.
                throw new HttpStatusException(400,
                        "Whitespace between a header field name and ':' is not allowed (RFC 9112 §5.1)");
            }
            if (!HttpSyntax.isTokenChar(b)) {
                throw new HttpStatusException(400,
                        "Malformed header line: the field name must be a token (RFC 9110 §5.1)");
            }
        }
        int start = colon + 1;
        int end = length;
        while (start < end && (line[start] == SP || line[start] == HT)) {
            start++;
        }
        while (end > start && (line[end - 1] == SP || line[end - 1] == HT)) {
            end--;
        }
        // RFC 9110 §5.5: field values are VCHAR, SP, HTAB and obs-text; CR, LF and NUL are invalid.
        for (int i = start; i < end; i++) {
            int b = line[i] & 0xFF;
            if ((b < 0x20 && b != HT) || b == 0x7F) {
                String name = ascii(0, colon);
                throw new HttpStatusException(400,
                        "The value of header " + name + " contains a control character (RFC 9110 §5.5)");
            }
        }
        String name = ascii(0, colon);
        String value = new String(line, start, end - start, StandardCharsets.ISO_8859_1);
        headers.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
    }

    private HttpStatusException tooManyHeaders() {
        return new HttpStatusException(431,
                "The request has more than " + limits.maxHeaderCount() + " header fields");
    }

    private HttpStatusException headersTooLarge() {
        return new HttpStatusException(431,
                "The request header fields are larger than " + limits.maxHeaderBytes() + " bytes");
    }

    private int indexOf(byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (line[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private String ascii(int from, int to) {
        return new String(line, from, to - from, StandardCharsets.US_ASCII);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
