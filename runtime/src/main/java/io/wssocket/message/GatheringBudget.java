package io.wssocket.message;

/**
 * Where the bytes of messages being gathered are counted, beyond one session (the container's
 * inbound budget). A message cannot wait for room half gathered, since its bytes would be held
 * while it blocks the messages whose handling frees some: a piece either fits at once or fails.
 */
public interface GatheringBudget {
    /** Counts {@code bytes} if the total stays within the limit; false, with nothing counted, if not. */
    boolean tryReserve(long bytes);

    /** Gives back bytes counted before. */
    void release(long bytes);

    /** The limit, for the reason a message that does not fit is refused with. */
    long limit();
}
