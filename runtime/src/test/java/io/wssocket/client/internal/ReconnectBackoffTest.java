package io.wssocket.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Exponential back-off with full jitter: the cap doubles up to its maximum, each wait is random below it. */
class ReconnectBackoffTest {
    private final ReconnectBackoff backoff = new ReconnectBackoff(100, 3000);

    @Test
    void theCapDoublesWithEachAttemptUpToTheMaximum() {
        assertThat(backoff.capMillis(0)).isEqualTo(100);
        assertThat(backoff.capMillis(1)).isEqualTo(200);
        assertThat(backoff.capMillis(4)).isEqualTo(1600);
        assertThat(backoff.capMillis(5)).isEqualTo(3000);
        assertThat(backoff.capMillis(60)).as("no overflow for many attempts").isEqualTo(3000);
    }

    @Test
    void waitsAreSpreadBelowTheCapAndGrowWithIt() {
        SplittableRandom random = new SplittableRandom(17);
        double previousMean = -1;
        for (int attempt = 0; attempt < 6; attempt++) {
            long cap = backoff.capMillis(attempt);
            long sum = 0;
            long min = Long.MAX_VALUE;
            long max = 0;
            for (int i = 0; i < 2000; i++) {
                long delay = backoff.delayMillis(attempt, random);
                assertThat(delay).isBetween(0L, cap);
                sum += delay;
                min = Math.min(min, delay);
                max = Math.max(max, delay);
            }
            double mean = sum / 2000.0;
            assertThat(mean).as("full jitter: mean near half the cap").isBetween(cap * 0.4, cap * 0.6);
            assertThat(max - min).as("waits spread over the interval").isGreaterThan(cap / 2);
            assertThat(mean).as("the wait grows with the attempts").isGreaterThan(previousMean);
            previousMean = mean;
        }
    }
}
