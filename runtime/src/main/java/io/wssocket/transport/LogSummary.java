package io.wssocket.transport;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Events of one kind (refused handshakes, limit closes, stalls, overload) told to an operator
 * without flooding the log: the first event after a quiet interval is logged at once with its
 * detail, the ones after it are counted by reason and logged as one line per interval. A flood of
 * ten thousand refusals a second thus costs two INFO lines every interval, not ten thousand.
 * The owner calls {@link #flush(boolean)} periodically (and at shutdown) so counts are not left
 * unreported when the events stop. Thread-safe; one instance per server, never static.
 */
public final class LogSummary {
    private final System.Logger log;
    private final System.Logger.Level level;
    private final String what;
    private final long intervalNanos;
    private final LongSupplier clock;
    // Guarded by 'this'. Few distinct reasons, so a sorted map keeps the line stable.
    private final Map<String, Long> counts = new TreeMap<>();
    private long windowStart;
    private boolean quiet = true;

    /**
     * @param what a plural noun phrase for the events, for example "refused handshakes"
     * @param interval how often counted events are summarized
     */
    LogSummary(System.Logger log, System.Logger.Level level, String what, long interval, TimeUnit unit) {
        this(log, level, what, interval, unit, System::nanoTime);
    }

    LogSummary(System.Logger log, System.Logger.Level level, String what, long interval, TimeUnit unit,
               LongSupplier clock) {
        this.clock = clock;
        this.log = log;
        this.level = level;
        this.what = what;
        this.intervalNanos = unit.toNanos(interval);
    }

    /** An INFO summary every ten seconds. */
    public static LogSummary info(System.Logger log, String what) {
        return new LogSummary(log, System.Logger.Level.INFO, what, 10, TimeUnit.SECONDS);
    }

    /**
     * Records one event. {@code detail} (who, what limit, what value) is evaluated only when this
     * event is logged on its own: the first after a quiet interval.
     */
    public void record(String reason, Supplier<String> detail) {
        long now = clock.getAsLong();
        String summary = null;
        boolean alone;
        synchronized (this) {
            alone = quiet;
            if (quiet) {
                quiet = false;
                windowStart = now;
            } else {
                counts.merge(reason, 1L, Long::sum);
                summary = now - windowStart >= intervalNanos ? takeSummary(now) : null;
            }
        }
        if (alone) {
            if (log.isLoggable(level)) {
                log.log(level, what + ": " + detail.get() + " (more are summarized every "
                        + TimeUnit.NANOSECONDS.toSeconds(intervalNanos) + " s)");
            }
        } else if (summary != null) {
            log.log(level, summary);
        }
    }

    /** Logs what was counted since the last line, if its interval is over; {@code force} logs it now. */
    public void flush(boolean force) {
        long now = clock.getAsLong();
        String summary;
        synchronized (this) {
            if (counts.isEmpty()) {
                if (!quiet && now - windowStart >= intervalNanos) {
                    quiet = true; // a whole interval without events: the next one is logged with its detail
                }
                return;
            }
            summary = force || now - windowStart >= intervalNanos ? takeSummary(now) : null;
        }
        if (summary != null) {
            log.log(level, summary);
        }
    }

    /** Events counted and not yet logged, for tests. */
    public synchronized long pending() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Under the lock. */
    private String takeSummary(long now) {
        StringBuilder line = new StringBuilder(what).append(" in the last ")
                .append(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(now - windowStart))).append(" s: ");
        long total = 0;
        boolean first = true;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            line.append(first ? "" : ", ").append(e.getKey()).append(" ×").append(e.getValue());
            total += e.getValue();
            first = false;
        }
        line.append(" (").append(total).append(" in all)");
        counts.clear();
        windowStart = now;
        return line.toString();
    }
}
