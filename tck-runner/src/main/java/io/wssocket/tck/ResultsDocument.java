package io.wssocket.tck;

import io.wssocket.tck.TestOutcome.Status;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The Markdown of TCK-RESULTS.md: what ran, the totals, per area and package, and every failing test. */
final class ResultsDocument {
    /** How many of the most common failure reasons the summary lists. */
    static final int TOP_REASONS = 25;

    /** The title and the note that opens every results file. */
    static final String TITLE = "# Jakarta WebSocket TCK results\n\n"
            + "Written by the build from the failsafe reports (`io.wssocket.tck.TckResultsReport`, see README.md); do not edit by hand.\n\n";

    private ResultsDocument() {
    }

    /**
     * @param run what was run and how
     * @param reports every test case, the classes that wrote a report, the refused deployments
     * @param expectedClasses the TCK's test classes, when known and the run was not narrowed; a class
     *     among them without a report did not run to the end (its JVM crashed or was stopped)
     */
    static String render(RunDescription run, FailsafeReportReader.Reports reports, Optional<List<String>> expectedClasses) {
        return TITLE + body(run, reports, expectedClasses);
    }

    /**
     * The results of one run without the title: what ran, then its sections (level-2 headings).
     *
     * @param run what was run and how
     * @param reports every test case, the classes that wrote a report, the refused deployments
     * @param expectedClasses as for {@link #render}
     */
    static String body(RunDescription run, FailsafeReportReader.Reports reports, Optional<List<String>> expectedClasses) {
        List<TestOutcome> outcomes = reports.outcomes();
        List<String> reportedClasses = reports.classes();
        StringBuilder md = new StringBuilder();
        md.append("| | |\n|---|---|\n");
        if (!run.mode().isEmpty()) {
            md.append("| mode | `").append(run.mode().replace("`", "'")).append("` |\n");
        }
        if (!run.server().isEmpty()) {
            md.append("| server | ").append(cell(run.server())).append(" |\n");
        }
        md.append("| date | ").append(cell(run.date())).append(" |\n");
        md.append("| command | `").append(run.command().replace("`", "'")).append("` |\n");
        md.append("| client | ").append(cell(run.client())).append(" |\n");
        if (!run.tck().isEmpty()) {
            md.append("| TCK | ").append(cell(run.tck())).append(" |\n");
        }
        if (!run.filter().isEmpty()) {
            md.append("| narrowed to | `-Dit.test=").append(run.filter().replace("`", "'")).append("` |\n");
        }
        run.wallTime().ifPresent(d -> md.append("| wall time | ").append(minutesAndSeconds(d)).append(" (build start to this file) |\n"));
        md.append('\n');

        md.append("## Totals\n\n");
        md.append("| run | passed | failed | errors | skipped |\n|---:|---:|---:|---:|---:|\n");
        Counts all = Counts.of(outcomes);
        md.append("| ").append(all.run()).append(" | ").append(all.passed()).append(" | ").append(all.failed())
                .append(" | ").append(all.errors()).append(" | ").append(all.skipped()).append(" |\n\n");
        md.append(new TreeSet<>(reportedClasses).size()).append(" test classes wrote a report.");
        List<String> missing = expectedClasses.map(expected -> expected.stream()
                .filter(c -> !reportedClasses.contains(c)).sorted().toList()).orElse(List.of());
        if (expectedClasses.isPresent()) {
            md.append(" The TCK has ").append(expectedClasses.get().size()).append(".");
        }
        md.append('\n');
        if (!missing.isEmpty()) {
            md.append("\n").append(missing.size())
                    .append(" classes wrote no report (their JVM crashed or was stopped before the end); their tests are not counted above:\n\n");
            missing.forEach(c -> md.append("- ").append(cell(TckPackages.shortName(c))).append('\n'));
        }
        md.append('\n');

        md.append("## Per area\n\n");
        table(md, "area", outcomes, reportedClasses, TckPackages::area);
        md.append("## Per package\n\n");
        md.append("Packages of `com.sun.ts.tests.websocket`, by area and the next segment (the TCK's mirrored `jakarta.websocket` left out).\n\n");
        table(md, "package", outcomes, reportedClasses, TckPackages::group);

        List<TestOutcome> failing = outcomes.stream().filter(TestOutcome::failing)
                .sorted(Comparator.comparing(TestOutcome::className).thenComparing(TestOutcome::method)).toList();
        md.append("## Most common failure reasons\n\n");
        if (failing.isEmpty()) {
            md.append("None: no test failed.\n\n");
        } else {
            Map<String, Long> byReason = failing.stream()
                    .collect(Collectors.groupingBy(TestOutcome::reason, Collectors.counting()));
            md.append("| tests | reason |\n|---:|---|\n");
            byReason.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(TOP_REASONS)
                    .forEach(e -> md.append("| ").append(e.getValue()).append(" | ").append(cell(e.getKey())).append(" |\n"));
            md.append('\n');
        }

        refusedDeployments(md, failing, reports.refusedDeployments());

        md.append("## Failing tests (").append(failing.size()).append(")\n\n");
        if (!failing.isEmpty()) {
            md.append("| test | result | reason |\n|---|---|---|\n");
            for (TestOutcome t : failing) {
                md.append("| ").append(cell(TckPackages.shortName(t.testName()))).append(" | ")
                        .append(t.status() == Status.FAILED ? "failed" : "error").append(" | ")
                        .append(cell(t.reason())).append(" |\n");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static void refusedDeployments(StringBuilder md, List<TestOutcome> failing, Map<String, String> refused) {
        if (refused.isEmpty()) {
            return;
        }
        Map<String, Long> failingPerClass = failing.stream()
                .collect(Collectors.groupingBy(TestOutcome::className, Collectors.counting()));
        md.append("## Applications the server refused\n\n");
        md.append(refused.size()).append(" test classes deployed an application that WS Socket refused; it served nothing, so")
                .append(" their tests that need it fail (the TCK's negative tests pass for the same reason).")
                .append(" Failing tests by the server's reason (class and archive names left out):\n\n");
        Map<String, List<String>> byReason = new TreeMap<>(refused.keySet().stream()
                .collect(Collectors.groupingBy(c -> withoutNames(why(refused.get(c))))));
        md.append("| failing tests | classes | reason |\n|---:|---:|---|\n");
        byReason.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, List<String>> e) -> e.getValue().stream()
                        .mapToLong(c -> failingPerClass.getOrDefault(c, 0L)).sum()).reversed())
                .forEach(e -> md.append("| ").append(e.getValue().stream().mapToLong(c -> failingPerClass.getOrDefault(c, 0L)).sum())
                        .append(" | ").append(e.getValue().size()).append(" | ")
                        .append(cell(FailsafeReportReader.clip(e.getKey()))).append(" |\n"));
        md.append("\n| class | failing tests | why (the server's log) |\n|---|---:|---|\n");
        refused.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> md.append("| ").append(cell(TckPackages.shortName(e.getKey()))).append(" | ")
                        .append(failingPerClass.getOrDefault(e.getKey(), 0L)).append(" | ")
                        .append(cell(FailsafeReportReader.clip(why(e.getValue()).replace(TckPackages.ROOT, ""))))
                        .append(" |\n"));
        md.append('\n');
    }

    /** The server's line from its first {@code ": "} on, where it says why, or the whole line. */
    static String why(String line) {
        int colon = line.indexOf(": ");
        return colon < 0 ? line : line.substring(colon + 2).strip();
    }

    /** The server's line with the TCK's class names and the archive names elided, so that like reasons group. */
    static String withoutNames(String line) {
        return line.replaceAll("com\\.sun\\.ts\\.tests\\.[\\w.$]+", "…").replaceAll("[\\w.-]+\\.(war|jar)\\b", "…");
    }

    private static void table(StringBuilder md, String title, List<TestOutcome> outcomes, List<String> reportedClasses,
            Function<String, String> key) {
        Map<String, List<TestOutcome>> groups = new TreeMap<>(
                outcomes.stream().collect(Collectors.groupingBy(t -> key.apply(t.className()))));
        Map<String, Long> classes = new TreeSet<>(reportedClasses).stream()
                .collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.counting()));
        md.append("| ").append(title).append(" | classes | run | passed | failed | errors | skipped |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<TestOutcome>> group : groups.entrySet()) {
            Counts c = Counts.of(group.getValue());
            md.append("| ").append(cell(group.getKey())).append(" | ").append(classes.getOrDefault(group.getKey(), 0L))
                    .append(" | ").append(c.run()).append(" | ").append(c.passed()).append(" | ").append(c.failed())
                    .append(" | ").append(c.errors()).append(" | ").append(c.skipped()).append(" |\n");
        }
        md.append('\n');
    }

    /** Text made safe for one cell of a Markdown table. */
    static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
                .replaceAll("\\s+", " ").strip();
    }

    static String minutesAndSeconds(Duration d) {
        long seconds = Math.max(0, d.toSeconds());
        return seconds < 60 ? seconds + " s" : (seconds / 60) + " min " + (seconds % 60) + " s";
    }

    /** Tests run (skipped included, as failsafe counts them), and how they ended. */
    record Counts(int run, int passed, int failed, int errors, int skipped) {
        static Counts of(List<TestOutcome> outcomes) {
            int[] byStatus = new int[Status.values().length];
            outcomes.forEach(t -> byStatus[t.status().ordinal()]++);
            return new Counts(outcomes.size(), byStatus[Status.PASSED.ordinal()], byStatus[Status.FAILED.ordinal()],
                    byStatus[Status.ERROR.ordinal()], byStatus[Status.SKIPPED.ordinal()]);
        }
    }

    /**
     * What was run and how, for the head of the document.
     *
     * @param mode the name of the run's server and client (its results file among the modes), or empty
     * @param server where the TCK's applications were deployed, or empty
     * @param date when the results were written
     * @param command the Maven command line
     * @param client which WebSocket client the TCK used
     * @param tck the TCK artifact, or empty
     * @param filter the {@code it.test} filter, or empty for a full run
     * @param wallTime from the start of the build to the results, when known
     */
    record RunDescription(String mode, String server, String date, String command, String client, String tck,
            String filter, Optional<Duration> wallTime) {
    }
}
