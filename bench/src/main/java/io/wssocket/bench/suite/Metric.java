package io.wssocket.bench.suite;

/**
 * One figure a scenario reports: the key in the result lines, its column heading, whether more is
 * better (for reading the ratios), the decimals shown, and its role in the report.
 */
public record Metric(String key, String heading, boolean higherIsBetter, int decimals, Role role) {

    /** How the report treats a figure. */
    public enum Role {
        /** Median (min–max) in the table, and a WS Socket / peer ratio. */
        COMPARED,
        /** Median (min–max) in the table only: its ratio says nothing another one does not (MB/s), or it is noise (max). */
        SHOWN,
        /** A count (errors, lost messages, failed sends): the total over the rounds, never a ratio. */
        COUNT,
        /** A word, not a number (accepted or refused, the server's state): the distinct values over the rounds. */
        TEXT
    }

    static Metric higher(String key, String heading, int decimals) {
        return new Metric(key, heading, true, decimals, Role.COMPARED);
    }

    static Metric lower(String key, String heading, int decimals) {
        return new Metric(key, heading, false, decimals, Role.COMPARED);
    }

    static Metric shown(String key, String heading, int decimals) {
        return new Metric(key, heading, false, decimals, Role.SHOWN);
    }

    static Metric text(String key, String heading) {
        return new Metric(key, heading, false, 0, Role.TEXT);
    }

    static Metric count(String key, String heading) {
        return new Metric(key, heading, false, 0, Role.COUNT);
    }
}
