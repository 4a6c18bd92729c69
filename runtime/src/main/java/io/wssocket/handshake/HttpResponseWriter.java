package io.wssocket.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes handshake responses as ISO-8859-1 bytes in a heap buffer ready to be written (position 0,
 * limit at the end). Header names must be tokens and values must not hold CR, LF or other
 * control characters (RFC 9110 §5.5), so nothing can inject a header or end the head early.
 */
public final class HttpResponseWriter {
    private HttpResponseWriter() {
    }

    /**
     * The 101 response accepting the upgrade (RFC 6455 §4.2.2 item 5).
     *
     * @param subprotocol the selected subprotocol, or null for none
     * @param extensions the accepted extensions as a header value, or null for none
     * @param extraHeaders further headers (e.g. from a configurator), in iteration order
     */
    public static ByteBuffer switchingProtocols(
            String acceptKey, String subprotocol, String extensions, Map<String, List<String>> extraHeaders) {
        Objects.requireNonNull(acceptKey, "acceptKey");
        StringBuilder head = new StringBuilder(160);
        head.append("HTTP/1.1 101 Switching Protocols\r\n");
        header(head, "Upgrade", "websocket");
        header(head, "Connection", "Upgrade");
        header(head, "Sec-WebSocket-Accept", acceptKey);
        if (subprotocol != null) {
            header(head, "Sec-WebSocket-Protocol", subprotocol);
        }
        if (extensions != null) {
            header(head, "Sec-WebSocket-Extensions", extensions);
        }
        extraHeaders.forEach((name, values) -> values.forEach(value -> header(head, name, value)));
        head.append("\r\n");
        return ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * An error response that closes the connection: status line, a plain-text body holding the
     * exception's message, and its extra headers.
     */
    public static ByteBuffer error(HttpStatusException e) {
        byte[] body = (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(160);
        head.append("HTTP/1.1 ").append(e.status()).append(' ').append(e.reasonPhrase()).append("\r\n");
        header(head, "Content-Type", "text/plain; charset=utf-8");
        header(head, "Content-Length", Integer.toString(body.length));
        header(head, "Connection", "close");
        e.headers().forEach((name, value) -> header(head, name, value));
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(headBytes.length + body.length);
        out.put(headBytes).put(body).flip();
        return out;
    }

    /** Shorthand for {@code error(new HttpStatusException(status, message, headers))}. */
    public static ByteBuffer error(int status, String message, Map<String, String> headers) {
        return error(new HttpStatusException(status, message, headers));
    }

    private static void header(StringBuilder head, String name, String value) {
        HttpSyntax.appendHeader(head, name, value);
    }
}
