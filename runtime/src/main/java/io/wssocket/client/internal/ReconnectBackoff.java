package io.wssocket.client.internal;

import java.util.random.RandomGenerator;

/**
 * How long a client waits before reconnection attempt {@code n} (0 for the first): a random time
 * between 0 and a cap that starts at {@code baseMillis} and doubles with each attempt, up to
 * {@code maxMillis} ("full jitter"). Random waits spread the clients a drained node closed over
 * the whole interval, where waits of a fixed schedule would bring them back together.
 *
 * @param baseMillis the first attempt's cap (option client-reconnect-delay)
 * @param maxMillis the largest cap (option client-reconnect-max-delay)
 */
record ReconnectBackoff(long baseMillis, long maxMillis) {
    /** @return the cap of attempt {@code n}'s wait: base × 2ⁿ, at most max */
    long capMillis(int attempt) {
        long cap = baseMillis;
        for (int i = 0; i < attempt && cap < maxMillis; i++) {
            cap *= 2;
        }
        return Math.max(0, Math.min(cap, maxMillis));
    }

    /** @return attempt {@code n}'s wait, uniform in [0, cap] */
    long delayMillis(int attempt, RandomGenerator random) {
        return random.nextLong(capMillis(attempt) + 1);
    }
}
