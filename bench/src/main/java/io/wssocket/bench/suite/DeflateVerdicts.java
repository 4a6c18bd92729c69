package io.wssocket.bench.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The permessage-deflate targets in sentences under their tables: for each echo run, WS Socket's
 * messages/s against the best peer that negotiated deflate (a peer that declined measured plain
 * text and is no competitor); for idle connections, each server's memory per connection with
 * deflate over without it (WS Socket's target: at most 1.1×).
 */
final class DeflateVerdicts {

    /** WS Socket's idle memory with deflate over without, at most. */
    static final double IDLE_TARGET = 1.1;

    private DeflateVerdicts() {
    }

    /** One line per echo run: WS Socket's median msgs/s over the best deflating peer's. */
    static String echo(List<ResultLine> lines) {
        StringBuilder b = new StringBuilder("\nAgainst the best peer that negotiated permessage-deflate (medians):\n\n");
        byConfig(lines, Scenario.DEFLATE).forEach((label, byServer) -> {
            List<ResultLine> subject = byServer.get(ServerKind.SUBJECT);
            double ours = median(subject, "msgs_per_s");
            ServerKind best = null;
            double bestValue = Double.NaN;
            List<String> declined = new ArrayList<>();
            for (Map.Entry<ServerKind, List<ResultLine>> e : byServer.entrySet()) {
                if (e.getKey() == ServerKind.SUBJECT) {
                    continue;
                }
                if (!negotiated(e.getValue())) {
                    declined.add(e.getKey().label());
                    continue;
                }
                double v = median(e.getValue(), "msgs_per_s");
                if (!Double.isNaN(v) && (best == null || v > bestValue)) {
                    best = e.getKey();
                    bestValue = v;
                }
            }
            b.append("- ").append(label).append(": WS Socket ");
            b.append(Double.isNaN(ours) ? "–" : SuiteReport.format(ours, 0) + " msgs/s");
            if (subject != null && !negotiated(subject)) {
                b.append(" (**deflate not negotiated**)");
            }
            if (best != null && !Double.isNaN(ours)) {
                double ratio = ours / bestValue;
                b.append(String.format(Locale.ROOT, ", best peer %s %s msgs/s: **%.2f×** (target ≥ 1.0×: %s)", best.label(),
                        SuiteReport.format(bestValue, 0), ratio, ratio >= 1.0 ? "met" : "not met"));
            }
            if (!declined.isEmpty()) {
                b.append("; did not negotiate deflate: ").append(String.join(", ", declined));
            }
            b.append('\n');
        });
        return b.toString();
    }

    /** One line per server: heap and RSS per idle connection with deflate over without (medians). */
    static String idle(List<ResultLine> lines) {
        Map<String, Map<ServerKind, List<ResultLine>>> configs = byConfig(lines, Scenario.DEFLATE_IDLE);
        Map<ServerKind, List<ResultLine>> plain = null;
        Map<ServerKind, List<ResultLine>> deflate = null;
        for (Map<ServerKind, List<ResultLine>> byServer : configs.values()) {
            String config = byServer.values().iterator().next().get(0).get("config");
            if (config != null && config.endsWith("-deflate")) {
                deflate = byServer;
            } else if (config != null && config.endsWith("-plain")) {
                plain = byServer;
            }
        }
        if (plain == null || deflate == null) {
            return "";
        }
        StringBuilder b = new StringBuilder("\nMemory per idle connection with deflate over without (medians; in brackets "
                + "with minus without, KiB/conn):\n\n");
        for (ServerKind server : ServerKind.values()) {
            List<ResultLine> with = deflate.get(server);
            List<ResultLine> without = plain.get(server);
            if (with == null || without == null) {
                continue;
            }
            b.append("- ").append(server.label()).append(": heap ").append(compare(with, without, "heap_per_conn_kib"))
                    .append(", RSS ").append(compare(with, without, "rss_per_conn_kib"));
            if (!negotiated(with)) {
                b.append(" (**deflate not negotiated**)");
            }
            if (server == ServerKind.SUBJECT) {
                b.append(" (target ≤ ").append(String.format(Locale.ROOT, "%.1f×", IDLE_TARGET)).append(": ")
                        .append(verdict(with, without)).append(')');
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String compare(List<ResultLine> with, List<ResultLine> without, String key) {
        double w = median(with, key);
        double wo = median(without, key);
        return times(w / wo) + String.format(Locale.ROOT, " (%+.1f)", w - wo);
    }

    /**
     * Met when each figure with deflate is at most 1.1× the figure without, or exceeds it by no more
     * than the figure without deflate spreads over the rounds (max − min): a figure near zero, as an
     * idle connection's RSS measured as a slope can be, makes a ratio of noise.
     */
    private static String verdict(List<ResultLine> with, List<ResultLine> without) {
        List<String> withinNoise = new ArrayList<>();
        for (String key : new String[] {"heap_per_conn_kib", "rss_per_conn_kib"}) {
            double w = median(with, key);
            double wo = median(without, key);
            if (Double.isNaN(w) || Double.isNaN(wo)) {
                return "not measured";
            }
            if (wo > 0 && w <= IDLE_TARGET * wo) {
                continue;
            }
            double spread = spread(without, key);
            if (w - wo <= spread) {
                withinNoise.add(String.format(Locale.ROOT, "%s %+.1f KiB/conn within the %.1f KiB/conn its figure without "
                        + "deflate spreads over the rounds", key.startsWith("heap") ? "heap" : "RSS", w - wo, spread));
                continue;
            }
            return "not met";
        }
        return withinNoise.isEmpty() ? "met" : "met; " + String.join(", ", withinNoise);
    }

    private static double spread(List<ResultLine> runs, String key) {
        List<Double> values = new ArrayList<>();
        runs.stream().filter(r -> r.kind().equals("RESULT")).forEach(r -> r.number(key).ifPresent(values::add));
        return values.isEmpty() ? 0 : values.stream().mapToDouble(Double::doubleValue).max().getAsDouble()
                - values.stream().mapToDouble(Double::doubleValue).min().getAsDouble();
    }

    private static String times(double ratio) {
        return Double.isNaN(ratio) || Double.isInfinite(ratio) ? "–" : String.format(Locale.ROOT, "%.2f×", ratio);
    }

    /** Whether every run of the server agreed to deflate (its result has terms other than {@code none}). */
    private static boolean negotiated(List<ResultLine> runs) {
        List<ResultLine> ok = runs.stream().filter(r -> r.kind().equals("RESULT")).toList();
        return !ok.isEmpty() && ok.stream().allMatch(r -> r.get("deflate") != null && !r.get("deflate").equals("none")
                && !r.get("deflate").equals("off") && !r.get("deflate").contains("none"));
    }

    static double median(List<ResultLine> runs, String key) {
        if (runs == null) {
            return Double.NaN;
        }
        List<Double> values = new ArrayList<>();
        runs.stream().filter(r -> r.kind().equals("RESULT")).forEach(r -> r.number(key).ifPresent(values::add));
        return values.isEmpty() ? Double.NaN : Summary.of(values).median();
    }

    /** The scenario's runs by config label, then server, in run order (the wss verdicts use it too). */
    static Map<String, Map<ServerKind, List<ResultLine>>> byConfig(List<ResultLine> lines, Scenario s) {
        Map<String, Map<ServerKind, List<ResultLine>>> out = new LinkedHashMap<>();
        for (ResultLine l : lines) {
            if (!s.id().equals(l.get("scenario")) || l.get("config") == null || l.get("server") == null
                    || l.kind().equals("SAMPLE")) {
                continue;
            }
            String label = l.get("label") != null ? l.get("label") : l.get("config");
            out.computeIfAbsent(label, k -> new LinkedHashMap<>())
                    .computeIfAbsent(ServerKind.byId(l.get("server")), k -> new ArrayList<>()).add(l);
        }
        return out;
    }
}
