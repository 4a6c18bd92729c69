package io.wssocket.session;

import java.util.concurrent.RejectedExecutionException;

/**
 * A wait on a peer (for room in its queue, for a write to complete, for the session's send in
 * progress) that the callback pool is told about, so that a spare thread serves the other sessions
 * meanwhile. On any other thread (a virtual one, an application's own) it simply waits: a
 * virtual thread frees its carrier by itself, and an application's thread is its own to block.
 */
final class PeerWait {
    private PeerWait() {
    }

    /** A bounded wait; its own timeout is part of it. */
    @FunctionalInterface
    interface Wait<T, E extends Exception> {
        T run() throws E, InterruptedException;
    }

    /**
     * Runs {@code wait}, compensated when the current thread is a callback pool's.
     *
     * @throws RejectedExecutionException when the pool is at its ceiling: then nothing waited, and
     *     the caller applies the slow-peer policy instead
     */
    static <T, E extends Exception> T run(Wait<T, E> wait) throws E, InterruptedException {
        CallbackThreadPool pool = CallbackThreadPool.current();
        if (pool == null) {
            return wait.run();
        }
        pool.beginBlocking();
        try {
            return wait.run();
        } finally {
            pool.endBlocking();
        }
    }
}
