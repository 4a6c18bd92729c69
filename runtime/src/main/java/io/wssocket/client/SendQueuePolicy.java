package io.wssocket.client;

/**
 * What a send does when the peer does not read and the session's outbound queue holds
 * max-queued-bytes: the option {@code send-queue-policy} of server and client configurations.
 */
public enum SendQueuePolicy {
    /**
     * A blocking send waits (within the send timeout) until the queue has drained below its low
     * water mark, so a fast producer is slowed to the peer's pace; an async send fails at once.
     */
    BLOCK,
    /** The send fails with a {@code WriteQueueFullException}; the session stays open. */
    FAIL,
    /**
     * The session is dropped as a slow consumer, reporting 1008 (policy violation) locally; a
     * blocking send drops it too once the connection has stayed above its high water mark with
     * nothing written for the send-stall timeout.
     */
    CLOSE
}
