package io.wssocket.handshake;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The handshake request cannot be accepted; answer with {@link #status()}, the extra response
 * {@link #headers()} and {@link #getMessage()} as the plain-text body. The message says what was
 * wrong in words a client developer can act on.
 */
public final class HttpStatusException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final LinkedHashMap<String, String> headers; // a serializable type, as the exception is

    public HttpStatusException(int status, String message) {
        this(status, message, Map.of());
    }

    /**
     * @param headers extra response headers, written in iteration order (e.g. {@code Allow: GET}
     *     for 405, {@code Sec-WebSocket-Version: 13} for 426)
     */
    public HttpStatusException(int status, String message, Map<String, String> headers) {
        // No stack trace: these are driven by network input and expected.
        super(Objects.requireNonNull(message, "message"), null, false, false);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be 100..599, was " + status);
        }
        this.status = status;
        this.headers = new LinkedHashMap<>(headers);
    }

    public int status() {
        return status;
    }

    /** The standard reason phrase for {@link #status()}. */
    public String reasonPhrase() {
        return reasonPhrase(status);
    }

    /** Extra response headers, unmodifiable, in the order given. */
    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    /** The RFC 9110 §15 reason phrase for {@code status}, or a generic one for its class. */
    public static String reasonPhrase(int status) {
        return switch (status) {
            case 101 -> "Switching Protocols";
            case 200 -> "OK";
            case 301 -> "Moved Permanently";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 414 -> "URI Too Long";
            case 426 -> "Upgrade Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> switch (status / 100) {
                case 1 -> "Informational";
                case 2 -> "Success";
                case 3 -> "Redirection";
                case 4 -> "Client Error";
                default -> "Server Error";
            };
        };
    }
}
