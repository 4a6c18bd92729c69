package io.wssocket.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
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
        return error(e, true);
    }

    /**
     * An error response that closes the connection; without its body when {@code withBody} is
     * false, for a HEAD request (RFC 9110 §9.3.2), whose Content-Length is still the GET's.
     */
    public static ByteBuffer error(HttpStatusException e, boolean withBody) {
        byte[] body = (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/plain; charset=utf-8");
        headers.put("Content-Length", Integer.toString(body.length));
        headers.put("Connection", "close");
        headers.putAll(e.headers());
        ByteBuffer head = head(e.status(), headers);
        if (!withBody) {
            return head;
        }
        ByteBuffer out = ByteBuffer.allocate(head.remaining() + body.length);
        out.put(head).put(body).flip();
        return out;
    }

    /**
     * A response head: status line, the headers in iteration order and the empty line; the caller
     * sends the content, if any, after it.
     */
    public static ByteBuffer head(int status, Map<String, String> headers) {
        StringBuilder head = new StringBuilder(160);
        head.append("HTTP/1.1 ").append(status).append(' ').append(HttpStatusException.reasonPhrase(status)).append("\r\n");
        headers.forEach((name, value) -> header(head, name, value));
        head.append("\r\n");
        return ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Shorthand for {@code error(new HttpStatusException(status, message, headers))}. */
    public static ByteBuffer error(int status, String message, Map<String, String> headers) {
        return error(new HttpStatusException(status, message, headers));
    }

    private static void header(StringBuilder head, String name, String value) {
        HttpSyntax.appendHeader(head, name, value);
    }
}
