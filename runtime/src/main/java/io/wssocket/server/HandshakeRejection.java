package io.wssocket.server;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thrown by a {@link HandshakeAuthenticator} to refuse an upgrade request with an HTTP status
 * (401, 403, 429, …), a short message for the body and any response headers. The message is sent
 * to the client: it must not contain the credentials that were refused.
 */
public final class HandshakeRejection extends Exception {
    private static final long serialVersionUID = 1L;
    /** The HTTP status of the refusal, 400 to 599. */
    private final int status;
    /** Headers of the refusal; unmodifiable, may be empty. */
    private final LinkedHashMap<String, String> headers; // a serializable type, as the exception is

    /**
     * A refusal without extra headers.
     *
     * @param status the HTTP status, 400 to 599
     * @param message the response body, sent to the client
     * @throws IllegalArgumentException when the status is not a 4xx or 5xx
     */
    public HandshakeRejection(int status, String message) {
        this(status, message, Map.of());
    }

    /**
     * A refusal with response headers, such as {@code WWW-Authenticate} for a 401.
     *
     * @param status the HTTP status, 400 to 599
     * @param message the response body, sent to the client
     * @param headers response headers, name to value (copied)
     * @throws IllegalArgumentException when the status is not a 4xx or 5xx
     */
    public HandshakeRejection(int status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a refusal needs a 4xx or 5xx status, not " + status);
        }
        this.status = status;
        this.headers = new LinkedHashMap<>(Map.copyOf(headers)); // copyOf: no null name or value
    }

    /**
     * The HTTP status the handshake is answered with.
     *
     * @return 400 to 599
     */
    public int status() {
        return status;
    }

    /**
     * The headers the refusal carries besides the server's own.
     *
     * @return an unmodifiable map, possibly empty
     */
    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }
}
