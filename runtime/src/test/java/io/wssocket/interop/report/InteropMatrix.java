package io.wssocket.interop.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The results of a complete run, ready to render.
 *
 * @param tallies each class that ran, in the order of {@link MatrixPeers#suites()}
 * @param notRun the TLS classes the build does not have
 * @param versions the peers' versions by key, the JDK's ({@code jdk}) among them
 * @param jdk the JDK that ran the tests, in full
 * @param date the day the run started, UTC
 */
record InteropMatrix(Map<Suite, SuiteTally> tallies, List<Suite> notRun, Map<String, String> versions, String jdk, LocalDate date) {
    static final String JDK_VERSION = "jdk";

    InteropMatrix {
        tallies = Collections.unmodifiableMap(new LinkedHashMap<>(tallies));
        notRun = List.copyOf(notRun);
        versions = Map.copyOf(versions);
    }

    /** Tallies the run; fails if a case fits no {@link CaseGroup}. The JDK is the one the tests ran on. */
    static InteropMatrix of(RunCoverage coverage, Map<String, String> versions, Instant runStarted) {
        Map<Suite, SuiteTally> tallies = new LinkedHashMap<>();
        coverage.ran().forEach((suite, report) -> tallies.put(suite, SuiteTally.of(report)));
        Optional<SurefireReport> any = coverage.ran().values().stream().findFirst();
        Map<String, String> allVersions = new HashMap<>(versions);
        any.map(report -> report.properties().get("java.version")).ifPresent(version -> allVersions.put(JDK_VERSION, version));
        return new InteropMatrix(tallies, coverage.notRun(), allVersions, any.map(SurefireReport::jdk).orElse("(no report)"),
                LocalDate.ofInstant(runStarted, ZoneOffset.UTC));
    }

    Optional<SuiteTally> tally(MatrixPeer peer, Direction direction, Transport transport) {
        return Optional.ofNullable(tallies.get(new Suite(peer, direction, transport)));
    }
}
