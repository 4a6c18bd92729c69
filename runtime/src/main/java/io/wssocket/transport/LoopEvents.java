package io.wssocket.transport;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the event loops of one group tell an operator about the connections they had to drop:
 * each kind through a {@link LogSummary}, so a flood is a few lines per interval, not one per
 * event. One instance per group; its loops flush it as they turn.
 */
final class LoopEvents {
    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());
    private static final long FLUSH_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int STACK_FRAMES_SHOWN = 6;

    private final LogSummary internalErrors = new LogSummary(LOG, System.Logger.Level.ERROR,
            "internal errors on event loops", 10, TimeUnit.SECONDS);
    private final LogSummary refusedRegistrations = new LogSummary(LOG, System.Logger.Level.WARNING,
            "accepted sockets closed before an event loop took them", 10, TimeUnit.SECONDS);
    private final AtomicLong lastFlush = new AtomicLong(System.nanoTime());
    /** Told of turns longer than {@link #stallThresholdNanos}; null when nobody listens. */
    private final LoopStallListener stallListener;
    private final long stallThresholdNanos;

    LoopEvents() {
        this(null, 0);
    }

    /** @param stallListener told of turns longer than {@code stallThresholdNanos}; null for nobody */
    LoopEvents(LoopStallListener stallListener, long stallThresholdNanos) {
        this.stallListener = stallListener;
        this.stallThresholdNanos = stallThresholdNanos;
    }

    /** Whether turns are timed: someone listens for stalls. */
    boolean timesTurns() {
        return stallListener != null;
    }

    /** A turn ended: told when it took longer than the threshold. Loop thread. */
    /**
     * @param slowest the part of the turn that took longest: a connection, a task, or a phase's name
     * @param slowestNanos how long it took
     */
    void turnEnded(String loop, long turnNanos, int connectionsHandled, int tasksRun, Object slowest,
                   long slowestNanos) {
        if (turnNanos > stallThresholdNanos) {
            try {
                stallListener.stalled(loop, turnNanos, connectionsHandled, tasksRun, describe(slowest), slowestNanos);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a loop stall listener threw", e);
            }
        }
    }

    /** Handling {@code subject} (a connection, a task, a socket) threw: it is closed, the loop goes on. */
    void internalError(String loop, Object subject, Throwable error) {
        internalErrors.record(error.getClass().getSimpleName(),
                () -> loop + ": handling " + subject + " threw " + describe(error)
                        + "\n(that connection is closed; the loop goes on)");
    }

    void refusedRegistration(String loop, String reason, Object socket) {
        refusedRegistrations.record(reason.startsWith("event loop busy") ? "event loop busy" : reason,
                () -> loop + " refused " + socket + ": " + reason);
    }

    /** Logs what was counted, at most once a second per group, whichever loop turns. */
    void flush(long now) {
        long last = lastFlush.get();
        if (now - last >= FLUSH_EVERY_NANOS && lastFlush.compareAndSet(last, now)) {
            internalErrors.flush(false);
            refusedRegistrations.flush(false);
        }
    }

    /** At shutdown: nothing counted is left untold. */
    void flushNow() {
        internalErrors.flush(true);
        refusedRegistrations.flush(true);
    }

    /** The error and where it came from: an operator needs the place even when only the first line is logged. */
    /** What a part of a turn was, for a person: the connection it served, the task's class, or the phase. */
    static String describe(Object part) {
        if (part == null || part instanceof String) {
            return (String) part;
        }
        if (part instanceof SocketConnection) {
            return "reads and writes of " + part;
        }
        String type = part.getClass().getName();
        int lambda = type.indexOf("$$Lambda");
        return lambda < 0 ? "task " + type : "task of " + type.substring(0, lambda);
    }

    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(error.toString());
        StackTraceElement[] stack = error.getStackTrace();
        for (int i = 0; i < Math.min(stack.length, STACK_FRAMES_SHOWN); i++) {
            text.append("\n\tat ").append(stack[i]);
        }
        return text.toString();
    }
}
