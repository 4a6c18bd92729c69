package io.wssocket.session;

import io.wssocket.spi.SessionObserver;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.BooleanSupplier;

/**
 * Runs one session's callbacks one at a time, in submission order, on a shared executor: the
 * Jakarta WebSocket guarantee that an endpoint instance is never entered by two threads at once.
 * A run takes a bounded number of tasks before yielding its thread to other sessions.
 */
final class SerialExecutor implements Executor {
    private static final System.Logger LOG = System.getLogger(SerialExecutor.class.getName());
    private static final int MAX_TASKS_PER_RUN = 64;
    private static final AtomicIntegerFieldUpdater<SerialExecutor> SCHEDULED =
            AtomicIntegerFieldUpdater.newUpdater(SerialExecutor.class, "scheduled");

    private final Executor shared;
    /** Where a task that waits for the peer's input goes when its turn comes on the reading thread. */
    private Executor awayFromReader;
    private BooleanSupplier onReader = () -> false;
    private final ClassLoader contextLoader;
    /** Null without a container integration: then a task runs with nothing around it. */
    private final SessionObserver observer;
    /**
     * The tasks waiting, oldest first, linked through their nodes and guarded by this executor's
     * monitor: an idle session holds no node (a ConcurrentLinkedQueue kept two, and itself, 72 B).
     */
    private Node head;
    private Node tail;
    /** 1 while a drain is queued or running; a field, not an AtomicBoolean: one object less per session. */
    private volatile int scheduled;

    /**
     * @param contextLoader the thread context class loader while tasks run: the endpoint's
     *     application loader, so ServiceLoader and frameworks called from endpoint code see it
     * @param observer told before and after each task (the container's scopes), or null
     */
    public SerialExecutor(Executor shared, ClassLoader contextLoader, SessionObserver observer) {
        this.shared = shared;
        this.contextLoader = contextLoader;
        this.observer = observer;
    }

    /**
     * Where {@code shared} may run tasks on the thread that reads the connection (a container's
     * event thread), a task that waits for the peer's input ({@link WaitsForInput}) must not run
     * there: what it waits for is read by that thread. When such a task's turn comes there, the
     * rest of the run moves to {@code executor}, the order kept.
     *
     * @param onReaderThread whether the calling thread is the one that reads the connection
     * @return this
     */
    SerialExecutor awayFromReader(Executor executor, BooleanSupplier onReaderThread) {
        this.awayFromReader = executor;
        this.onReader = onReaderThread;
        return this;
    }

    /** A task that may wait for the peer's input: a streamed message's handler. */
    interface WaitsForInput extends Runnable {
    }

    @Override
    public void execute(Runnable task) {
        Node node = new Node(task);
        synchronized (this) {
            if (tail == null) {
                head = node;
            } else {
                tail.next = node;
            }
            tail = node;
        }
        schedule();
    }

    /** One waiting task. */
    private static final class Node {
        final Runnable task;
        Node next;

        Node(Runnable task) {
            this.task = task;
        }
    }

    /** What {@link #take} answers for a task that waits for input, left in place: the caller decides. */
    private static final Runnable WAITS_FOR_INPUT = () -> { };

    /**
     * Removes and returns the oldest task; null when none waits. A task that waits for the peer's
     * input stays, and {@link #WAITS_FOR_INPUT} is returned, when it may have to move away from the
     * reading thread and {@code mayStay} is false.
     */
    private synchronized Runnable take(boolean mayStay) {
        Node first = head;
        if (first == null) {
            return null;
        }
        if (!mayStay && first.task instanceof WaitsForInput && awayFromReader != null) {
            return WAITS_FOR_INPUT;
        }
        head = first.next;
        if (head == null) {
            tail = null;
        }
        return first.task;
    }

    private synchronized boolean isEmpty() {
        return head == null;
    }

    private void schedule() {
        if (SCHEDULED.compareAndSet(this, 0, 1)) {
            try {
                shared.execute(this::drain);
            } catch (RejectedExecutionException e) {
                scheduled = 0;
                LOG.log(System.Logger.Level.WARNING, "callback executor refused work; running inline", e);
                drain();
            }
        }
    }

    private void drain() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(contextLoader);
        boolean movedAway = false;
        try {
            for (int i = 0; i < MAX_TASKS_PER_RUN; i++) {
                Runnable task = take(false);
                if (task == WAITS_FOR_INPUT) {
                    if (onReader.getAsBoolean()) {
                        movedAway = true; // still scheduled: no other run starts before that one
                        break;
                    }
                    task = take(true);
                }
                if (task == null) {
                    break;
                }
                try {
                    if (observer == null) {
                        task.run();
                    } else {
                        runObserved(task);
                    }
                } catch (RuntimeException | Error e) {
                    LOG.log(System.Logger.Level.ERROR, "session callback failed", e);
                }
            }
        } finally {
            thread.setContextClassLoader(previous);
            if (movedAway) {
                awayFromReader.execute(this::drain);
            } else {
                scheduled = 0;
                if (!isEmpty()) {
                    schedule();
                }
            }
        }
    }

    private void runObserved(Runnable task) {
        observer.beforeCallback();
        try {
            task.run();
        } finally {
            observer.afterCallback();
        }
    }
}
