package io.wssocket.hazelcast;

/**
 * Follows the ring-buffer sequences a node's listener reads and logs where they are not
 * consecutive: a jump forward is messages this node never delivers (it fell more than the ring's
 * capacity behind, or the cluster lost them with a member), a step back is messages read again
 * (the member holding the ring was replaced and the reader went on from the new owner's tail; the
 * repeats are dropped by {@link RepeatFilter}). Used by one thread at a time (the topic's listener).
 */
final class SequenceWatch {
    private static final System.Logger LOG = System.getLogger(SequenceWatch.class.getName());

    private final String ring;
    /** The sequence expected next; -1 before the first. */
    private long expected = -1;
    private long skipped;

    SequenceWatch(String ring) {
        this.ring = ring;
    }

    /** Notes that the message at {@code sequence} is delivered next. */
    void next(long sequence) {
        if (expected >= 0 && sequence > expected) {
            long missed = sequence - expected;
            skipped += missed;
            LOG.log(System.Logger.Level.WARNING, "cluster messages " + expected + " to " + (sequence - 1) + " of " + ring
                    + " were skipped (" + missed + "; " + skipped + " in all): this node fell further behind than the"
                    + " ring buffer holds, or the messages were lost with a member");
        } else if (expected >= 0 && sequence < expected) {
            LOG.log(System.Logger.Level.INFO, "cluster messages of " + ring + " read again from " + sequence
                    + " (expected " + expected + "): the member holding them was replaced; repeats are dropped");
        }
        expected = sequence + 1;
    }

    /** Messages skipped so far. */
    long skipped() {
        return skipped;
    }
}
