package io.wssocket.samples.ticker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Prices that move by a random walk, one step per tick, kept in cents so that formatting them
 * needs no floating point. Used by the ticker's scheduler thread only.
 */
final class PriceBoard {
    private static final long MIN_CENTS = 100;

    private final Map<String, Long> cents = new LinkedHashMap<>();
    private final Random random;

    PriceBoard(Random random) {
        this.random = random;
        long start = 10_000;
        for (String symbol : Symbols.ALL) {
            cents.put(symbol, start);
            start += 7_525;
        }
    }

    /** Moves every price by up to 1% either way, never below one unit. */
    void step() {
        cents.replaceAll((symbol, price) -> {
            long move = price / 100;
            long next = price + (move == 0 ? 0 : random.nextLong(-move, move + 1));
            return Math.max(MIN_CENTS, next);
        });
    }

    /** The price of {@code symbol} as a JSON number with two decimals, e.g. {@code 101.05}. */
    String price(String symbol) {
        long value = cents.get(symbol);
        long fraction = value % 100;
        return (value / 100) + (fraction < 10 ? ".0" : ".") + fraction;
    }
}
