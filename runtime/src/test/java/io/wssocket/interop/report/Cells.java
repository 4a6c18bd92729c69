package io.wssocket.interop.report;

/** The text of a matrix cell. */
final class Cells {
    /** The peer is not tested on that side (a browser has no server). */
    static final String NOT_APPLICABLE = "—";
    /** The build has no such test class (yet). */
    static final String NOT_RUN = "not run";
    static final String LEGEND = "✓ 93/93: every case passed; ✓ 55 (38 n/a): 55 passed and 38 were skipped because the peer's"
            + " API cannot do what they need (a browser sends no pings); n/a (28 skipped): the peer cannot take part in any of"
            + " them (a client that offers no extensions); ✗ 3 failed: 3 cases failed; " + NOT_APPLICABLE
            + ": not a side the peer is tested on; " + NOT_RUN + ": the build has no such test class.";

    private Cells() {
    }

    /**
     * {@code ✓ 93/93}, {@code ✓ 55 (38 n/a)}, {@code n/a (28 skipped)} or {@code ✗ 3 failed}; a
     * class that ran no case counts as failed.
     */
    static String of(Counts counts) {
        if (counts.total() == 0) {
            return "✗ no cases ran";
        }
        if (counts.failed() > 0) {
            return "✗ " + counts.failed() + " failed";
        }
        if (counts.passed() == 0) {
            return "n/a (" + counts.skipped() + " skipped)";
        }
        if (counts.skipped() > 0) {
            return "✓ " + counts.passed() + " (" + counts.skipped() + " n/a)";
        }
        return "✓ " + counts.passed() + "/" + counts.total();
    }
}
