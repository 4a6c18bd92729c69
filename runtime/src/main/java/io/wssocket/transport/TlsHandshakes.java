package io.wssocket.transport;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where TLS handshakes do their expensive part, away from the event loops: the SSLEngine's
 * delegated tasks (key exchange, signing, certificate checks) run on a few threads of their own,
 * so a flood of handshakes delays other handshakes, not the established sessions whose frames the
 * loops carry. And how many server handshakes may be in progress at once: a socket accepted
 * beyond that is closed at once, before any crypto is spent on it.
 *
 * <p>Its queue is bounded by the handshakes in progress: a connection hands over one batch of
 * tasks and waits for it before the next (its reads pause meanwhile).
 */
public final class TlsHandshakes {
    private final ThreadPoolExecutor executor;
    private final int maxInProgress;
    private final AtomicInteger inProgress = new AtomicInteger();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();

    /**
     * @param threads threads running delegated tasks (made when needed, ended when idle)
     * @param maxInProgress server handshakes that may be in progress at once
     */
    public TlsHandshakes(String namePrefix, int threads, int maxInProgress) {
        if (threads < 1 || maxInProgress < 1) {
            throw new IllegalArgumentException("TLS handshake threads and places must be positive");
        }
        this.maxInProgress = maxInProgress;
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, namePrefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.executor.allowCoreThreadTimeOut(true);
    }

    /** A place for one more server handshake, or null when {@code maxInProgress} are in progress. */
    public Place tryBegin() {
        while (true) {
            int now = inProgress.get();
            if (now >= maxInProgress) {
                return null;
            }
            if (inProgress.compareAndSet(now, now + 1)) {
                return new Place();
            }
        }
    }

    /** Server handshakes in progress. */
    public int inProgress() {
        return inProgress.get();
    }

    public int maxInProgress() {
        return maxInProgress;
    }

    /** Server handshakes that finished (the peer's Finished read), since this was made. */
    public long completed() {
        return completed.sum();
    }

    /** Server handshakes whose connection closed before they finished, since this was made. */
    public long failed() {
        return failed.sum();
    }

    /** Runs a connection's delegated tasks; false if stopped (the caller then fails the handshake). */
    boolean run(Runnable tasks) {
        try {
            executor.execute(tasks);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    void shutdown() {
        executor.shutdownNow();
    }

    /** One handshake's place; released once, when the handshake ends or its socket closes. */
    public final class Place {
        private static final AtomicIntegerFieldUpdater<Place> RELEASED =
                AtomicIntegerFieldUpdater.newUpdater(Place.class, "released");
        private volatile int released;

        private Place() {
        }

        /** The handshake finished: its place is free, and it counts as completed. */
        public void complete() {
            if (RELEASED.compareAndSet(this, 0, 1)) {
                inProgress.decrementAndGet();
                completed.increment();
            }
        }

        /** The connection closed (or never came up) first: its place is free, and the handshake counts as failed. */
        public void release() {
            if (RELEASED.compareAndSet(this, 0, 1)) {
                inProgress.decrementAndGet();
                failed.increment();
            }
        }
    }
}
