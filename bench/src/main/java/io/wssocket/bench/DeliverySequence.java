package io.wssocket.bench;

/**
 * One receiver's view of a broadcast's sequence numbers (0, 1, 2, ... as sent): whether each
 * message received is the next one, comes after a gap, or is one it already had (a repeat, or a
 * message that arrives after a later one). A cluster that delivers a message twice, or out of
 * its publishing order, shows here rather than in a closed connection.
 */
final class DeliverySequence {

    /** What {@link #accept} returns for a message that is not new. */
    static final long REPEAT = -1;

    private long next;

    /**
     * Takes the message with sequence number {@code sequence}.
     *
     * @return how many messages were skipped before it (0 when it is the next one), or
     *         {@link #REPEAT} when its number is below the next expected: nothing changes then
     */
    long accept(long sequence) {
        if (sequence < next) {
            return REPEAT;
        }
        long skipped = sequence - next;
        next = sequence + 1;
        return skipped;
    }

    /** The sequence number expected next: one past the highest received. */
    long next() {
        return next;
    }
}
