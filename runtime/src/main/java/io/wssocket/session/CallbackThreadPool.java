package io.wssocket.session;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The platform-thread pool that runs endpoint code: {@code runnable} threads take tasks from one
 * FIFO queue, and a thread that blocks in a send on a peer (see {@link PeerWait}) is replaced by a
 * spare while it waits, up to {@code ceiling} threads in all. So peers that do not read can hold
 * threads, but never the {@code runnable} ones the other sessions and their handshakes' onOpen need.
 *
 * <p>Why not a {@code ForkJoinPool} with {@code managedBlock}, which compensates the same way: a
 * ForkJoinPool worker runs the tasks it submits itself from its own queue first (on Java 17 until
 * that queue is empty), so a busy session whose {@link SerialExecutor} re-submits its drain after
 * each bounded run would keep its thread instead of going behind the other sessions. One shared
 * FIFO queue keeps that bound meaningful, and the compensation here is explicit: the core size
 * grows by one for each blocked thread and shrinks when it returns.
 *
 * <p>The queue needs no bound of its own: a session has at most one drain task in it (its
 * SerialExecutor schedules one at a time), so it holds at most one task per open connection
 * (max-connections), plus completions of async sends whose outcome came later, each of which
 * stands for a send still counted against its connection's max-queued-bytes.
 */
final class CallbackThreadPool extends ThreadPoolExecutor {
    private static final long KEEP_ALIVE_SECONDS = 60;

    private final int runnable;
    private final Object sizing = new Object();
    /** Pool threads now blocked on a peer; guarded by {@link #sizing}. */
    private int blocked;

    CallbackThreadPool(String name, int runnable, int ceiling) {
        super(runnable, Math.max(runnable, ceiling), KEEP_ALIVE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new Factory(name));
        this.runnable = runnable;
        ((Factory) getThreadFactory()).pool = this;
        allowCoreThreadTimeOut(true); // an idle server holds no callback threads
    }

    /** The pool the current thread belongs to, or null for any other thread (a virtual one included). */
    static CallbackThreadPool current() {
        return Thread.currentThread() instanceof PoolThread t ? t.pool : null;
    }

    /**
     * The current thread (one of this pool's) is about to block on a peer: a spare may take its
     * place. At the ceiling the wait is refused, and the caller must not block.
     *
     * @throws RejectedExecutionException when every thread the pool may have is taken
     */
    void beginBlocking() {
        synchronized (sizing) {
            if (runnable + blocked >= getMaximumPoolSize()) {
                throw new RejectedExecutionException("all " + getMaximumPoolSize()
                        + " callback threads wait on peers that do not read");
            }
            blocked++;
            // ThreadPoolExecutor starts threads for queued tasks up to the new core size, and for new
            // tasks while below it; setCorePoolSize is not safe for concurrent callers, hence the lock.
            setCorePoolSize(runnable + blocked);
        }
    }

    /** The thread that called {@link #beginBlocking()} runs again; the spare retires when idle. */
    void endBlocking() {
        synchronized (sizing) {
            blocked--;
            setCorePoolSize(runnable + blocked);
        }
    }

    /** Threads now blocked on peers, for tests and diagnostics. */
    int blockedThreads() {
        synchronized (sizing) {
            return blocked;
        }
    }

    @Override
    protected void afterExecute(Runnable task, Throwable failure) {
        if (failure != null) {
            System.getLogger(CallbackThreadPool.class.getName()).log(System.Logger.Level.ERROR,
                    "callback task failed", failure);
        }
    }

    /** A pool thread knows its pool, so that a wait on a peer can tell the right pool. */
    private static final class PoolThread extends Thread {
        final CallbackThreadPool pool;

        PoolThread(Runnable task, String name, CallbackThreadPool pool) {
            super(task, name);
            this.pool = pool;
        }
    }

    private static final class Factory implements ThreadFactory {
        private final String name;
        private final AtomicInteger count = new AtomicInteger();
        /** Set right after the pool is constructed, before it can start a thread. */
        volatile CallbackThreadPool pool;

        Factory(String name) {
            this.name = name;
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread t = new PoolThread(task, name + "-" + count.incrementAndGet(), pool);
            t.setDaemon(true);
            // A pool thread is created by whichever thread submits first, possibly one running an
            // application's code: without this it would inherit, and pin, that application's loader.
            t.setContextClassLoader(CallbackThreadPool.class.getClassLoader());
            return t;
        }
    }
}
