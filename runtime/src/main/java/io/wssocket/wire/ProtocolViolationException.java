package io.wssocket.wire;

/**
 * The peer broke a rule of RFC 6455 (or a configured limit); the connection must be failed with
 * {@link #closeCode()}. The message names the rule and is safe to send as the close reason.
 */
public final class ProtocolViolationException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int closeCode;
    private final String ignoredParameter;

    public ProtocolViolationException(int closeCode, String message) {
        this(closeCode, message, null);
    }

    /**
     * @param ignoredParameter the extension parameter the peer agreed to and then broke (a
     *     permessage-deflate no_context_takeover), or null
     */
    public ProtocolViolationException(int closeCode, String message, String ignoredParameter) {
        // No stack trace: these are driven by network input and expected.
        super(message, null, false, false);
        this.closeCode = closeCode;
        this.ignoredParameter = ignoredParameter;
    }

    public int closeCode() {
        return closeCode;
    }

    /** The negotiated extension parameter the peer broke, or null when the violation is of another rule. */
    public String ignoredParameter() {
        return ignoredParameter;
    }
}
