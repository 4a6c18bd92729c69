package io.wssocket.transport;

import java.util.concurrent.Executor;

/**
 * Where a {@link Connection}'s handler runs: one thread at a time, in the order tasks were given.
 * For a socket served by WS Socket's own NIO server it is the {@link EventLoop}; for a connection
 * a Servlet container upgraded, a strand of the container's threads (see the servlet glue).
 */
public interface ConnectionLoop extends Executor {
    /** Runs {@code task} on this loop, after the tasks given before it; any thread. */
    @Override
    void execute(Runnable task);

    /** Whether the calling thread is running this loop's work now. */
    boolean inLoop();

    /** The time of the current turn, in {@link System#nanoTime()} terms; loop thread only. */
    long now();

    /**
     * A small array for the loop thread's own short-lived copies (a text message's bytes on their
     * way into a String), not kept across calls; on another thread, an empty one.
     */
    byte[] scratch();
}
