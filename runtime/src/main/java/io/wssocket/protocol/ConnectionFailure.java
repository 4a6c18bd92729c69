package io.wssocket.protocol;

/**
 * Thrown by a {@link WebSocketListener} to fail the WebSocket connection (RFC 6455 §7.1.7): a
 * close frame with {@link #closeCode()} and the message as its reason, then the end of the socket.
 */
public final class ConnectionFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final int closeCode;

    /** @param closeCode a code allowed in a close frame (RFC 6455 §7.4), e.g. 1009 for a message too big */
    public ConnectionFailure(int closeCode, String message) {
        // No stack trace: driven by what the peer sent, and expected.
        super(message, null, false, false);
        this.closeCode = closeCode;
    }

    public int closeCode() {
        return closeCode;
    }
}
