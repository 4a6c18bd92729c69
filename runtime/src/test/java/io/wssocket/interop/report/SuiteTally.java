package io.wssocket.interop.report;

import io.wssocket.interop.report.CaseResult.Outcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one test class's cases came to: counts and methods per case group, how often each skip
 * reason came up, and which cases failed.
 */
final class SuiteTally {
    private final Map<CaseGroup, Counts> groups = new EnumMap<>(CaseGroup.class);
    private final Map<CaseGroup, SortedSet<String>> methods = new EnumMap<>(CaseGroup.class);
    private final SortedMap<String, Integer> skipReasons = new TreeMap<>();
    private final List<CaseResult> failures = new ArrayList<>();

    private SuiteTally() {
    }

    /** Fails, naming the method, if a case fits no {@link CaseGroup}. */
    static SuiteTally of(SurefireReport report) {
        SuiteTally tally = new SuiteTally();
        for (CaseResult result : report.cases()) {
            CaseGroup group = result.group();
            tally.groups.merge(group, Counts.of(result.outcome()), Counts::plus);
            tally.methods.computeIfAbsent(group, g -> new TreeSet<>()).add(result.method());
            if (result.outcome() == Outcome.SKIPPED) {
                tally.skipReasons.merge(result.reason(), 1, Integer::sum);
            } else if (result.outcome() == Outcome.FAILED) {
                tally.failures.add(result);
            }
        }
        return tally;
    }

    /** Counts of the groups that had cases, in the order of {@link CaseGroup}. */
    Map<CaseGroup, Counts> groups() {
        return Collections.unmodifiableMap(groups);
    }

    /** The test methods of each group that had cases; a class-level result has the empty name. */
    Map<CaseGroup, SortedSet<String>> methods() {
        return Collections.unmodifiableMap(methods);
    }

    Counts total() {
        return groups.values().stream().reduce(Counts.NONE, Counts::plus);
    }

    /** Each reason a case was skipped for, with how many were; in the order of the reasons' text. */
    SortedMap<String, Integer> skipReasons() {
        return Collections.unmodifiableSortedMap(skipReasons);
    }

    /** The failed cases, in the report's order. */
    List<CaseResult> failures() {
        return List.copyOf(failures);
    }
}
