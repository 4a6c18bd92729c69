package io.wssocket.servlet;

import io.wssocket.transport.ConnectionLoop;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A connection's loop inside a Servlet container: its handler runs on whatever thread the container
 * calls a listener on, or on one of the web application's I/O threads for tasks, but never on two at
 * once. Tasks run in the order given; a container callback runs as soon as the tasks given before it
 * have run, holding the same lock.
 */
final class Strand implements ConnectionLoop {
    private static final byte[] NO_SCRATCH = new byte[0];

    private final Executor threads;
    private final ReentrantLock lock = new ReentrantLock();
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** Held with the lock: a container's callback is running on the holding thread ({@link #runNow}). */
    private boolean inEvent;

    Strand(Executor threads) {
        this.threads = threads;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (!lock.isHeldByCurrentThread() && drainScheduled.compareAndSet(false, true)) {
            threads.execute(this::drain);
        }
    }

    /**
     * Runs {@code work} on the calling thread (a container's listener callback) after the tasks
     * already waiting, which it must not overtake (a session's suspend before its onOpen), then
     * whatever the work queued.
     */
    void runNow(Runnable work) {
        lock.lock();
        boolean outer = !inEvent;
        inEvent = true;
        try {
            runTasks();
            work.run();
            runTasks();
        } finally {
            if (outer) {
                inEvent = false;
            }
            lock.unlock();
        }
        rescheduleIfLeft();
    }

    /**
     * Whether the calling thread is inside a container's callback for this connection, holding its
     * lock: then what the container does next for this connection (its write event, for one) waits
     * until that callback returns.
     */
    boolean inEvent() {
        return lock.isHeldByCurrentThread() && inEvent;
    }

    /** Whether some thread runs the connection now (a container's callback, or tasks). */
    boolean busy() {
        return lock.isLocked();
    }

    /**
     * On one of the web application's threads. When the lock is busy (a container's callback, which
     * may be running endpoint code for as long as that takes), it leaves the tasks to the holder,
     * which runs or reschedules what it finds when it lets go: a busy connection never holds one of
     * the few shared threads.
     */
    private void drain() {
        drainScheduled.set(false);
        if (!lock.tryLock()) {
            return;
        }
        try {
            runTasks();
        } finally {
            lock.unlock();
        }
        rescheduleIfLeft();
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }

    /** A task added by another thread between the last poll and the unlock is not left behind. */
    private void rescheduleIfLeft() {
        if (!tasks.isEmpty() && drainScheduled.compareAndSet(false, true)) {
            threads.execute(this::drain);
        }
    }

    @Override
    public boolean inLoop() {
        return lock.isHeldByCurrentThread();
    }

    @Override
    public long now() {
        return System.nanoTime();
    }

    /** No scratch array of its own: callers copy through their own buffers (an empty one, as off the loop). */
    @Override
    public byte[] scratch() {
        return NO_SCRATCH;
    }
}
