package io.wssocket.bench.jmh;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Turns throughput results into payload bytes per second and sets each beside its
 * {@link Ceiling}, the {@link CopyBaseline} of the same size and buffer kind from the same run,
 * as a Markdown table (the form {@code docs/benchmarks.md} keeps).
 */
final class CeilingTable {
    private static final String SIZE = "size";

    private CeilingTable() {
    }

    /** One measured benchmark and parameter set. */
    record Row(String benchmark, String otherParams, int size, BufferKind ceiling, boolean isCeiling,
               double opsPerSecond, double errorOpsPerSecond) {
        double bytesPerSecond() {
            return opsPerSecond * size;
        }
    }

    static String markdown(Collection<RunResult> results) {
        List<Row> rows = new ArrayList<>();
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            if (params.getMode() != Mode.Throughput || params.getParam(SIZE) == null) {
                continue; // only throughput of sized payloads converts to bytes per second
            }
            rows.add(row(params, result.getPrimaryResult()));
        }
        return markdown(rows);
    }

    static String markdown(List<Row> rows) {
        Map<String, Double> ceilings = new HashMap<>();
        for (Row row : rows) {
            if (row.isCeiling()) {
                ceilings.put(ceilingKey(row.ceiling(), row.size()), row.bytesPerSecond());
            }
        }
        StringBuilder out = new StringBuilder()
                .append("| benchmark | size | ops/s | GB/s | ± | copy ceiling | GB/s | % of ceiling |\n")
                .append("|---|---:|---:|---:|---:|---|---:|---:|\n");
        rows.stream()
                .sorted(Comparator.comparing(Row::benchmark).thenComparing(Row::otherParams)
                        .thenComparingInt(Row::size))
                .forEach(row -> {
                    Double ceiling = ceilings.get(ceilingKey(row.ceiling(), row.size()));
                    double error = row.errorOpsPerSecond() / row.opsPerSecond();
                    out.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %.2f | %s | %s | %s | %s |%n",
                            row.benchmark() + row.otherParams(), sizeLabel(row.size()), row.opsPerSecond(),
                            row.bytesPerSecond() / 1e9,
                            // JMH has no error to give for a single measured iteration
                            Double.isNaN(error) ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * error),
                            ceilingName(row.ceiling()),
                            ceiling == null ? "–" : String.format(Locale.ROOT, "%.2f", ceiling / 1e9),
                            ceiling == null ? "–" : String.format(Locale.ROOT, "%.0f %%",
                                    100 * row.bytesPerSecond() / ceiling)));
                });
        return out.toString();
    }

    private static Row row(BenchmarkParams params, Result<?> primary) {
        String qualified = params.getBenchmark();
        int dot = qualified.lastIndexOf('.');
        Class<?> type = benchmarkClass(qualified.substring(0, dot));
        String method = qualified.substring(dot + 1);
        List<String> others = params.getParamsKeys().stream()
                .filter(key -> !SIZE.equals(key))
                .map(key -> key + "=" + params.getParam(key))
                .collect(Collectors.toList());
        // ops per time unit to ops per second
        double perSecond = (double) TimeUnit.SECONDS.toNanos(1) / params.getTimeUnit().toNanos(1);
        return new Row(type.getSimpleName() + "." + method,
                others.isEmpty() ? "" : " (" + String.join(", ", others) + ")",
                Integer.parseInt(params.getParam(SIZE)), ceilingOf(type, method), type == CopyBaseline.class,
                primary.getScore() * perSecond, primary.getScoreError() * perSecond);
    }

    private static Class<?> benchmarkClass(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("benchmark class " + name + " is not in this jar", e);
        }
    }

    private static BufferKind ceilingOf(Class<?> type, String method) {
        for (Method candidate : type.getMethods()) {
            Ceiling ceiling = candidate.getAnnotation(Ceiling.class);
            if (candidate.getName().equals(method) && ceiling != null) {
                return ceiling.value();
            }
        }
        throw new IllegalStateException(type.getSimpleName() + "." + method + " names no @Ceiling");
    }

    private static String ceilingKey(BufferKind kind, int size) {
        return kind + "/" + size;
    }

    private static String ceilingName(BufferKind kind) {
        return kind == BufferKind.HEAP ? "heap→heap" : "direct→direct";
    }

    static String sizeLabel(int size) {
        if (size >= 1 << 20 && size % (1 << 20) == 0) {
            return size / (1 << 20) + " MiB";
        }
        if (size >= 1 << 10 && size % (1 << 10) == 0) {
            return size / (1 << 10) + " KiB";
        }
        return size + " B";
    }
}
