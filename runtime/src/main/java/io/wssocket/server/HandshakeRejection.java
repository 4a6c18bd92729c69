package io.wssocket.server;

import java.util.Map;

/**
 * Thrown by a {@link HandshakeAuthenticator} to refuse an upgrade request with an HTTP status
 * (401, 403, 429, …), a short message for the body and any response headers. The message is sent
 * to the client: it must not contain the credentials that were refused.
 */
public final class HandshakeRejection extends Exception {
    private final int status;
    private final Map<String, String> headers;

    public HandshakeRejection(int status, String message) {
        this(status, message, Map.of());
    }

    public HandshakeRejection(int status, String message, Map<String, String> headers) {
        super(message, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a refusal needs a 4xx or 5xx status, not " + status);
        }
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
