package io.wssocket.wire;

/**
 * The peer broke a rule of RFC 6455 (or a configured limit); the connection must be failed with
 * {@link #closeCode()}. The message names the rule and is safe to send as the close reason.
 */
public final class ProtocolViolationException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int closeCode;

    public ProtocolViolationException(int closeCode, String message) {
        // No stack trace: these are driven by network input and expected.
        super(message, null, false, false);
        this.closeCode = closeCode;
    }

    public int closeCode() {
        return closeCode;
    }
}
