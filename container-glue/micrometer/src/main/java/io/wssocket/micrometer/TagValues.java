package io.wssocket.micrometer;

import io.wssocket.spi.ServerMetricsListener.Initiator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values one tag takes, bounded: each tag's values come from the server (endpoint templates,
 * statuses, option names, close codes), but a tag that met more than {@code max} distinct values
 * gives {@link #OTHER} for every new one, so no input can grow the registry without end. A
 * Prometheus series per value is memory on both sides; a few dozen per tag is the budget.
 */
final class TagValues {
    /** What a value beyond the bound is recorded as. */
    static final String OTHER = "OTHER";

    private final int max;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    TagValues(int max) {
        this.max = max;
    }

    /** {@code value}, or {@link #OTHER} when the tag has {@code max} other values already. */
    String of(String value) {
        if (seen.contains(value)) {
            return value;
        }
        if (seen.size() >= max) {
            return OTHER;
        }
        seen.add(value); // racing adds may pass max by the number of racers, no more
        return value;
    }

    /**
     * A close code as a tag value: RFC 6455 §7.4.2 leaves 3000-4999 to libraries and applications,
     * and a client may send any of them, so the codes a client chose there are grouped by
     * thousand ({@code 3xxx}, {@code 4xxx}); the server's own codes and the protocol's are kept.
     */
    static String closeCode(int code, Initiator initiator) {
        if (initiator == Initiator.CLIENT && code >= 3000 && code <= 4999) {
            return code < 4000 ? "3xxx" : "4xxx";
        }
        return Integer.toString(code);
    }
}
