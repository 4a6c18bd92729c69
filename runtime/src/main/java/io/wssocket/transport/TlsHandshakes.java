package io.wssocket.transport;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

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

        public void release() {
            if (RELEASED.compareAndSet(this, 0, 1)) {
                inProgress.decrementAndGet();
            }
        }
    }
}
