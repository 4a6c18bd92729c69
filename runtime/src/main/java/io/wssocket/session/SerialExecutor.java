package io.wssocket.session;

import io.wssocket.spi.SessionObserver;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

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
    private final ClassLoader contextLoader;
    /** Null without a container integration: then a task runs with nothing around it. */
    private final SessionObserver observer;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
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

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        schedule();
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
        try {
            for (int i = 0; i < MAX_TASKS_PER_RUN; i++) {
                Runnable task = tasks.poll();
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
            scheduled = 0;
            if (!tasks.isEmpty()) {
                schedule();
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
