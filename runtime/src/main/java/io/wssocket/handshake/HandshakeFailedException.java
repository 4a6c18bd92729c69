package io.wssocket.handshake;

import java.io.IOException;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The client must fail the WebSocket connection (RFC 6455 §4.1): the server's handshake response
 * was malformed, too large, or did not accept the upgrade as requested. The message says what the
 * server sent and which rule it broke.
 */
public final class HandshakeFailedException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    /** A failure before a status code was read (malformed or oversized response head). */
    public HandshakeFailedException(String message) {
        super(Objects.requireNonNull(message, "message"));
        this.status = -1;
    }

    /** A failure of a response that carried {@code status}. */
    public HandshakeFailedException(int status, String message) {
        super(Objects.requireNonNull(message, "message"));
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("HTTP status must be 100..999, was " + status);
        }
        this.status = status;
    }

    /** The status code of the server's response, or empty when none was read. */
    public OptionalInt status() {
        return status < 0 ? OptionalInt.empty() : OptionalInt.of(status);
    }
}
