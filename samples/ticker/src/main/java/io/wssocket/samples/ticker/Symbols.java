package io.wssocket.samples.ticker;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The symbols the ticker quotes, and the {@code ?symbols=A,B} filter a subscriber may send. */
public final class Symbols {
    /** Every quoted symbol, in the order a tick lists them. */
    public static final List<String> ALL = List.of("ACME", "GLOBEX", "HOOLI", "INITECH", "UMBRELLA");

    private Symbols() {
    }

    /**
     * The symbols a filter asks for: null (no filter) means all of them.
     *
     * @throws IllegalArgumentException naming what is wrong, short enough for a close reason
     *     (RFC 6455 §5.5: at most 123 bytes)
     */
    public static Set<String> parse(String filter) {
        if (filter == null) {
            return new LinkedHashSet<>(ALL);
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String symbol : filter.split(",", -1)) {
            if (!ALL.contains(symbol)) {
                throw new IllegalArgumentException(symbol.isEmpty() ? "empty symbol in filter"
                        : "unknown symbol " + abbreviate(symbol) + "; known: " + String.join(",", ALL));
            }
            chosen.add(symbol);
        }
        return chosen;
    }

    /** Client text is cut short and reduced to safe characters before it goes into a close reason. */
    private static String abbreviate(String symbol) {
        String shown = symbol.length() > 12 ? symbol.substring(0, 12) + "…" : symbol;
        return "'" + shown.replaceAll("[^A-Za-z0-9…]", "?") + "'";
    }
}
