package io.wssocket.transport;

import java.io.IOException;

/** Queued bytes made no progress for the write timeout: the peer stopped reading. */
final class WriteTimeoutException extends IOException {
    private static final long serialVersionUID = 1L;
    public WriteTimeoutException(long timeoutMillis) {
        super("no outbound progress for " + timeoutMillis + " ms; the peer is not reading");
    }
}
