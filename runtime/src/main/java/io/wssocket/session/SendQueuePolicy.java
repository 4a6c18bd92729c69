package io.wssocket.session;

import java.util.Locale;

/**
 * What a send does when the peer does not read and the session's outbound queue is full.
 */
public enum SendQueuePolicy {
    /**
     * A blocking send waits (within the send timeout) until the queue has drained below its low
     * water mark, so a fast producer is slowed to the peer's pace; an async send fails at once.
     */
    BLOCK,
    /** The send fails with {@code WriteQueueFullException}; the session stays open. */
    FAIL,
    /**
     * The session is dropped as a slow consumer: it reports 1008 (policy violation) locally; the
     * peer, which is not reading, gets the socket closed (no close frame could reach it). A
     * blocking send whose message fits in the queue drops it too, rather than wait the whole send
     * timeout, once the connection has stayed above its high water mark with no byte written for
     * the send-stall timeout: progress, not size, tells a slow reader from one that reads nothing.
     * (Progress shows in steps: the kernel takes more only once a third of its send buffer drained.)
     */
    CLOSE;

    public static SendQueuePolicy parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("send-queue-policy is block, fail or close, not '" + text + "'", e);
        }
    }
}
