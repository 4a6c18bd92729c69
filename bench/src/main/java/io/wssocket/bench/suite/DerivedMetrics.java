package io.wssocket.bench.suite;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The figures the runner computes from a driver's result and the server's memory before and after:
 * echo throughput in MB/s, memory per idle connection and the server's threads while it holds them, memory
 * growth under slow consumers.
 */
final class DerivedMetrics {

    private static final double KIB = 1024;
    private static final double MIB = 1024 * 1024;

    private DerivedMetrics() {
    }

    /** Returns {@code driver} with the derived values (and the raw memory figures) added. */
    static ResultLine add(Scenario scenario, ResultLine driver, ResultLine before, ResultLine after) {
        switch (scenario) {
            case ECHO, ECHO_C, ECHO_LARGE, DEFLATE, WSS -> {
                // wss's handshake run echoes nothing
                if (driver.get("msgs_per_s") != null) {
                    driver.with("mb_per_s", round(driver.number("msgs_per_s").orElse(0) * driver.number("size").orElse(0) / 1e6));
                }
            }
            case IDLE, DEFLATE_IDLE -> {
                double opened = driver.number("opened").orElse(0);
                addMemory(driver, before, after);
                if (opened > 0) {
                    driver.with("rss_per_conn_kib", round(delta(before, after, "rss_bytes") / opened / KIB));
                    driver.with("heap_per_conn_kib", round(delta(before, after, "heap_used_bytes") / opened / KIB));
                }
                // the server's live threads while it holds the connections (absent from an older server's STATS)
                after.number("live_threads").ifPresent(threads -> driver.with("threads", (long) threads));
            }
            case SLOW -> {
                addMemory(driver, before, after);
                driver.with("rss_growth_mib", round(delta(before, after, "rss_bytes") / MIB));
                driver.with("heap_growth_mib", round(delta(before, after, "heap_used_bytes") / MIB));
                driver.with("send_failures", (long) delta(before, after, "send_failures"));
            }
            case BROADCAST, HOSTILE, SOAK, CLUSTER_BROADCAST, CLUSTER_IDLE -> {
                // the driver's figures are the result (hostile's server figures: hostile())
            }
        }
        return driver;
    }

    /**
     * A cluster-idle run's figures: the first node's heap after a full GC (live objects), live
     * threads and RSS with no connection ({@code before}, one STATS line per node), its threads
     * and its heap growth per connection while the driver held its {@code opened} connections
     * ({@code held}, the same nodes in the same order), and the other nodes' heap growth per
     * connection, summed (what they hold for the first node's sessions).
     */
    static ResultLine clusterIdle(ResultLine driver, List<ResultLine> before, List<ResultLine> held) {
        if (before.isEmpty() || before.size() != held.size()) {
            throw new IllegalArgumentException("stats of " + before.size() + " nodes before, " + held.size() + " held");
        }
        ResultLine first = before.get(0);
        first.number("heap_after_gc_bytes").ifPresent(heap -> driver.with("heap_mib", round(heap / MIB)));
        first.number("live_threads").ifPresent(threads -> driver.with("idle_threads", (long) threads));
        first.number("rss_bytes").ifPresent(rss -> driver.with("rss_mib", round(rss / MIB)));
        held.get(0).number("live_threads").ifPresent(threads -> driver.with("threads", (long) threads));
        double opened = driver.number("opened").orElse(0);
        if (opened > 0) {
            driver.with("heap_per_conn_kib", round(delta(first, held.get(0), "heap_after_gc_bytes") / opened / KIB));
            if (before.size() > 1) {
                double others = 0;
                for (int i = 1; i < before.size(); i++) {
                    others += delta(before.get(i), held.get(i), "heap_after_gc_bytes");
                }
                driver.with("peer_heap_per_conn_kib", round(others / opened / KIB));
            }
        }
        return driver;
    }

    /**
     * An attack's result: the driver's figures, the server's memory while the attack held (none if
     * it did not answer), the lines it logged during the attack, and its state: {@code ok},
     * {@code OOM} (an OutOfMemoryError in its log), {@code died}, or both.
     */
    static ResultLine hostile(ResultLine driver, ResultLine held, long logLines, boolean died, String trouble) {
        if (held != null) {
            driver.with("heap_mib", round(held.number("heap_used_bytes").orElse(0) / MIB));
            double rss = held.number("rss_bytes").orElse(-1);
            if (rss >= 0) { // -1: the server could not read /proc (out of file descriptors)
                driver.with("rss_mib", round(rss / MIB));
            }
        }
        if (logLines >= 0) {
            driver.with("log_lines", logLines);
        }
        boolean oom = trouble.contains("OutOfMemoryError");
        driver.with("server_state", oom && died ? "OOM+died" : oom ? "OOM" : died ? "died" : held == null ? "no-stats" : "ok");
        if (!trouble.isEmpty()) {
            driver.with("note", trouble);
        }
        return driver;
    }

    /**
     * For a driver that held twice ({@code opened_mid} connections, then {@code opened}): the cost
     * per connection as the slope between the two measurements of the same server, (full − mid) /
     * (opened − opened_mid). It becomes {@code rss_per_conn_kib} and {@code heap_per_conn_kib} (and,
     * where the stats say what the RSS was before the C heap was trimmed, the same slope of that,
     * {@code rss_untrimmed_per_conn_kib}); the
     * figures over the whole run from the baseline move to {@code rss_from_base_kib} and
     * {@code heap_from_base_kib}. What the server spent once during the run (compiled code, a pool,
     * memory its allocator keeps) is in both measurements and cancels; with too few connections
     * between them to divide by, nothing changes.
     */
    static ResultLine addSlope(ResultLine driver, ResultLine mid, ResultLine full) {
        double between = driver.number("opened").orElse(0) - driver.number("opened_mid").orElse(Double.NaN);
        if (!(between > 0)) {
            return driver;
        }
        for (String key : new String[] {"rss_bytes", "heap_used_bytes"}) {
            driver.with("mid_" + key, (long) mid.number(key).orElse(0));
        }
        driver.number("rss_per_conn_kib").ifPresent(v -> driver.with("rss_from_base_kib", v));
        driver.number("heap_per_conn_kib").ifPresent(v -> driver.with("heap_from_base_kib", v));
        driver.with("rss_per_conn_kib", round(delta(mid, full, "rss_bytes") / between / KIB));
        if (mid.get("untrimmed_rss_bytes") != null && full.get("untrimmed_rss_bytes") != null) {
            driver.with("rss_untrimmed_per_conn_kib", round(delta(mid, full, "untrimmed_rss_bytes") / between / KIB));
            driver.with("mid_trimmed_bytes", mid.get("trimmed_bytes")).with("after_trimmed_bytes", full.get("trimmed_bytes"));
        }
        // the live objects after the collection where the server tells them (ServerStats), else heap used
        boolean live = mid.number("heap_after_gc_bytes").orElse(-1) >= 0 && full.number("heap_after_gc_bytes").orElse(-1) >= 0;
        driver.with("heap_per_conn_kib", round(delta(mid, full, live ? "heap_after_gc_bytes" : "heap_used_bytes") / between / KIB));
        if (live) {
            driver.with("mid_heap_after_gc_bytes", mid.get("heap_after_gc_bytes"))
                    .with("after_heap_after_gc_bytes", full.get("heap_after_gc_bytes"));
        }
        return driver;
    }

    /**
     * Several measurements of one server at one point as one: each memory figure ({@code *_bytes})
     * the least over them, the other fields from the last.
     */
    static ResultLine leastOf(List<ResultLine> samples) {
        ResultLine last = samples.get(samples.size() - 1);
        ResultLine out = ResultLine.of(last.kind()).withAll(last);
        for (String key : new String[] {"heap_used_bytes", "heap_after_gc_bytes", "rss_bytes", "untrimmed_rss_bytes"}) {
            samples.stream().map(r -> r.number(key)).filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble)
                    .min().ifPresent(v -> out.with(key, (long) v));
        }
        return out.with("samples", samples.size());
    }

    /** Adds what a warm-up left resident: the server's RSS after it ({@code before}) minus when fresh. */
    static ResultLine addWarmUp(ResultLine driver, ResultLine fresh, ResultLine before) {
        return driver.with("warmup_rss_mib", round(delta(fresh, before, "rss_bytes") / MIB));
    }

    private static void addMemory(ResultLine driver, ResultLine before, ResultLine after) {
        for (String key : new String[] {"rss_bytes", "heap_used_bytes"}) {
            driver.with("base_" + key, (long) before.number(key).orElse(0));
            driver.with("after_" + key, (long) after.number(key).orElse(0));
        }
    }

    private static double delta(ResultLine before, ResultLine after, String key) {
        return after.number(key).orElse(0) - before.number(key).orElse(0);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
