package io.wssocket.message;

/** A message crossed a limit while it was assembled: the session's buffer size, or the gathering budget. */
public final class MessageLimitException extends Exception {
    private static final long serialVersionUID = 1L;
    /** Which limit was crossed. */
    public enum Limit {
        /** The message is larger than the session's buffer for its kind (Jakarta's max message buffer size). */
        BUFFER_SIZE,
        /** The message does not fit the {@link GatheringBudget}: a condition of the container, not of the message. */
        GATHERING_BUDGET
    }

    private final Limit limit;

    private MessageLimitException(Limit limit, String message) {
        // No stack trace: driven by what the peer sent, and expected.
        super(message, null, false, false);
        this.limit = limit;
    }

    static MessageLimitException tooBig(String kind, long size, long limit) {
        return new MessageLimitException(Limit.BUFFER_SIZE,
                kind + " message of at least " + size + " bytes exceeds the session's buffer size of " + limit);
    }

    static MessageLimitException noRoom(String kind, long size, long limit) {
        return new MessageLimitException(Limit.GATHERING_BUDGET, "server busy: a " + kind + " message of " + size
                + " bytes so far does not fit the server's max-inbound-bytes of " + limit);
    }

    public Limit limit() {
        return limit;
    }
}
