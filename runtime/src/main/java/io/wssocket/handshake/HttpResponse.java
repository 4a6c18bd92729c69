package io.wssocket.handshake;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable HTTP/1.1 response head, as a WebSocket client receives it. Header names are
 * case-insensitive (RFC 9110 §5.1); the values of a repeated header keep their arrival order.
 *
 * @param version the HTTP-version, e.g. {@code HTTP/1.1}
 * @param status the three-digit status code
 * @param reason the reason phrase, possibly empty (RFC 9112 §4)
 * @param headers header values by name; names that differ only in case are merged
 */
public record HttpResponse(String version, int status, String reason, Map<String, List<String>> headers) {

    public HttpResponse {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(reason, "reason");
        headers = HeaderFields.copyOf(headers);
    }

    /** Every value of the header {@code name}, in arrival order; empty when absent. */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /** The first value of the header {@code name}, or null when absent. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
