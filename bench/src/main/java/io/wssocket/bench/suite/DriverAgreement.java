package io.wssocket.bench.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Whether the two echo drivers agree: the C driver's ({@code echo-c}) medians over the Java
 * driver's ({@code echo}) for every run and server both measured in one suite run, and WS Socket's
 * ratio to each peer as each driver sees it. The bar: within 15 %.
 */
final class DriverAgreement {

    /** How far the C driver's figure may be from the Java driver's and still confirm it. */
    static final double TOLERANCE = 0.15;

    private DriverAgreement() {
    }

    /** The Markdown under the echo-c table; empty without runs of both drivers. */
    static String markdown(List<ResultLine> lines) {
        Map<String, String> labels = new LinkedHashMap<>();
        lines.stream().filter(l -> Scenario.ECHO_C.id().equals(l.get("scenario")) && l.get("config") != null)
                .forEach(l -> labels.putIfAbsent(l.get("config"), l.get("label") == null ? l.get("config") : l.get("label")));
        StringBuilder rows = new StringBuilder();
        StringBuilder ratioRows = new StringBuilder();
        int within = 0;
        int compared = 0;
        for (Map.Entry<String, String> run : labels.entrySet()) {
            for (ServerKind server : ServerKind.values()) {
                OptionalDouble java = median(lines, Scenario.ECHO, run.getKey(), server, "msgs_per_s");
                OptionalDouble c = median(lines, Scenario.ECHO_C, run.getKey(), server, "msgs_per_s");
                if (java.isEmpty() || c.isEmpty()) {
                    continue;
                }
                double ratio = c.getAsDouble() / java.getAsDouble();
                compared++;
                within += Math.abs(ratio - 1) <= TOLERANCE ? 1 : 0;
                rows.append("| ").append(run.getValue()).append(" | ").append(server.label()).append(" | ")
                        .append(SuiteReport.format(java.getAsDouble(), 0)).append(" | ")
                        .append(SuiteReport.format(c.getAsDouble(), 0)).append(" | ").append(times(ratio)).append(" | ")
                        .append(figure(lines, Scenario.ECHO, run.getKey(), server)).append(" | ")
                        .append(figure(lines, Scenario.ECHO_C, run.getKey(), server)).append(" |\n");
                if (server != ServerKind.SUBJECT) {
                    OptionalDouble subjectJava = median(lines, Scenario.ECHO, run.getKey(), ServerKind.SUBJECT, "msgs_per_s");
                    OptionalDouble subjectC = median(lines, Scenario.ECHO_C, run.getKey(), ServerKind.SUBJECT, "msgs_per_s");
                    if (subjectJava.isPresent() && subjectC.isPresent()) {
                        double byJava = subjectJava.getAsDouble() / java.getAsDouble();
                        double byC = subjectC.getAsDouble() / c.getAsDouble();
                        ratioRows.append("| ").append(run.getValue()).append(" | ").append(server.label()).append(" | ")
                                .append(times(byJava)).append(" | ").append(times(byC)).append(" |\n");
                    }
                }
            }
        }
        if (compared == 0) {
            return "";
        }
        StringBuilder b = new StringBuilder("\nThe two drivers (medians of the same suite run): msgs/s by the Java driver (echo) "
                + "and by the C driver (echo-c), the C driver's over the Java driver's, and the server's CPU µs per message "
                + "by each. ")
                .append(String.format(Locale.ROOT, "%d of %d within %.0f %%.%n%n", within, compared, TOLERANCE * 100))
                .append("| run | server | msgs/s, Java | msgs/s, C | C / Java | server CPU µs/msg, Java | server CPU µs/msg, C |\n")
                .append("|---|---|---|---|---|---|---|\n").append(rows);
        if (!ratioRows.isEmpty()) {
            b.append("\nWS Socket / peer, msgs/s (medians), as each driver measures it:\n\n")
                    .append("| run | peer | Java driver | C driver |\n|---|---|---|---|\n").append(ratioRows);
        }
        return b.toString();
    }

    private static String figure(List<ResultLine> lines, Scenario s, String config, ServerKind server) {
        OptionalDouble v = median(lines, s, config, server, "cpu_us_per_msg");
        return v.isPresent() ? SuiteReport.format(v.getAsDouble(), 1) : "–";
    }

    private static String times(double ratio) {
        return String.format(Locale.ROOT, "%.2f×", ratio);
    }

    private static OptionalDouble median(List<ResultLine> lines, Scenario s, String config, ServerKind server, String key) {
        List<Double> values = new ArrayList<>();
        for (ResultLine l : lines) {
            if (l.kind().equals("RESULT") && s.id().equals(l.get("scenario")) && config.equals(l.get("config"))
                    && server.id().equals(l.get("server"))) {
                l.number(key).ifPresent(values::add);
            }
        }
        return values.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(Summary.of(values).median());
    }
}
