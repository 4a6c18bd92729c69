package io.wssocket.interop.report;

/**
 * One test case of a surefire report.
 *
 * @param name the case as surefire names it, {@code serverClosesWithCode(int)[3]}
 * @param method the test method, {@code serverClosesWithCode}; empty for the class as a whole
 * @param outcome how it ended
 * @param reason for a skipped case the assumption that failed; for a failed one the first line of its error
 */
record CaseResult(String name, String method, Outcome outcome, String reason) {
    enum Outcome {
        PASSED, FAILED, SKIPPED
    }

    /** The case's group; a class-level result has no method and counts as the class's setup. */
    CaseGroup group() {
        return method.isEmpty() ? CaseGroup.CLASS_SETUP : CaseGroup.of(method);
    }
}
