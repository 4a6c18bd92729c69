package io.wssocket.interop.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether this run reported on every interop test class, with every test method: only then may
 * the matrix be rewritten, since a run narrowed with {@code -Dtest=...} would otherwise replace
 * the full results with a part of them. Every plain ({@code ws://}) class of {@link MatrixPeers}
 * must exist; a {@code wss://} class counts where it exists and is "not run" where it does not.
 * A {@code wss://} class runs a subset of the cases (WssSubset): methods without an invocation
 * over TLS leave no trace in its report, so only an empty report counts as a gap there.
 *
 * @param ran the expected classes' reports, in the order of {@link MatrixPeers#suites()}
 * @param notRun the TLS classes the build does not have
 * @param gaps what keeps the run from being complete, one phrase per class; empty if it is
 */
record RunCoverage(Map<Suite, SurefireReport> ran, List<Suite> notRun, List<String> gaps) {
    RunCoverage {
        ran = Collections.unmodifiableMap(new LinkedHashMap<>(ran));
        notRun = List.copyOf(notRun);
        gaps = List.copyOf(gaps);
    }

    static RunCoverage of(Map<String, SurefireReport> freshReports, TestClasses classes) {
        Map<Suite, SurefireReport> ran = new LinkedHashMap<>();
        List<Suite> notRun = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        for (Suite suite : MatrixPeers.suites()) {
            Set<String> methods = classes.testMethods(suite.testClass()).orElse(null);
            if (methods == null && suite.transport() == Transport.WSS) {
                notRun.add(suite);
                continue;
            }
            if (methods == null) {
                throw new IllegalStateException(MatrixPeers.class.getName() + " names " + suite.testClass()
                        + ", which is not a test class of this build");
            }
            SurefireReport report = freshReports.get(suite.testClass());
            if (report == null) {
                gaps.add(suite.simpleName() + " (no report from this run)");
                continue;
            }
            Set<String> unreported = new TreeSet<>(methods);
            report.cases().forEach(result -> unreported.remove(result.method()));
            if (suite.transport() == Transport.WSS && !report.cases().isEmpty()) {
                unreported.clear();
            }
            if (unreported.isEmpty()) {
                ran.put(suite, report);
            } else {
                gaps.add(suite.simpleName() + " (without " + String.join(", ", unreported) + ")");
            }
        }
        return new RunCoverage(ran, notRun, gaps);
    }

    boolean complete() {
        return gaps.isEmpty();
    }
}
