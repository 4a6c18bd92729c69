package io.wssocket.interop.report;

import io.wssocket.interop.report.CaseResult.Outcome;

/** How many cases passed, failed and were skipped. */
record Counts(int passed, int failed, int skipped) {
    static final Counts NONE = new Counts(0, 0, 0);

    static Counts of(Outcome outcome) {
        return switch (outcome) {
            case PASSED -> new Counts(1, 0, 0);
            case FAILED -> new Counts(0, 1, 0);
            case SKIPPED -> new Counts(0, 0, 1);
        };
    }

    Counts plus(Counts other) {
        return new Counts(passed + other.passed, failed + other.failed, skipped + other.skipped);
    }

    int total() {
        return passed + failed + skipped;
    }
}
