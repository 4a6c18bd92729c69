package io.wssocket.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * A driver's measured window: when it began and ended, what was counted in it (echoes,
 * handshakes), their latencies, and the server's CPU time at either end when the server's process
 * id is known ({@link ProcessCpu}).
 */
final class MeasuredWindow {

    private static final long HIGHEST_LATENCY_NS = TimeUnit.SECONDS.toNanos(60);

    private final Histogram latency = new Histogram(1, HIGHEST_LATENCY_NS, 3);
    /** The server's process, 0 if unknown: then no CPU figures. */
    private final long serverPid;
    private long start;
    private long end;
    private long count;
    private long serverTicksStart = -1;
    private long serverTicksEnd = -1;

    MeasuredWindow(long serverPid) {
        this.serverPid = serverPid;
    }

    /** The window opens at {@code now}: what came before (a warmup) is forgotten. */
    void begin(long now) {
        latency.reset();
        count = 0;
        start = now;
        serverTicksStart = serverTicks();
    }

    void end(long now) {
        end = now;
        serverTicksEnd = serverTicks();
    }

    /** Whether it has begun. */
    boolean begun() {
        return start != 0;
    }

    /** When it began (System.nanoTime). */
    long start() {
        return start;
    }

    /** One more of what is counted, {@code nanos} its latency. */
    void record(long nanos) {
        latency.recordValue(Math.min(Math.max(nanos, 1), HIGHEST_LATENCY_NS));
        count++;
    }

    long count() {
        return count;
    }

    double seconds() {
        return end > start ? (end - start) / 1e9 : 0;
    }

    double perSecond() {
        double s = seconds();
        return s > 0 ? count / s : 0;
    }

    /** The latency at {@code percentile} in µs; 0 when nothing was recorded. */
    double micros(double percentile) {
        return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxMicros() {
        return latency.getTotalCount() == 0 ? 0 : latency.getMaxValue() / 1000.0;
    }

    double meanMicros() {
        return latency.getTotalCount() == 0 ? 0 : latency.getMean() / 1000.0;
    }

    /** The server's CPU fields per {@code unit} counted ({@code cpu_us_per_<unit>}); empty without a server pid. */
    String serverCpuFields(String unit) {
        return ProcessCpu.resultFields(serverTicksStart, serverTicksEnd, seconds(), count, unit);
    }

    private long serverTicks() {
        return serverPid > 0 ? ProcessCpu.ticks(serverPid) : -1;
    }
}
