package io.wssocket.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class LogSummaryTest {
    /** Keeps what would have been logged. */
    static final class Lines implements System.Logger {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(format);
        }
    }

    @Test
    void aFloodCostsOneDetailedLineAndThenOneSummaryPerInterval() {
        Lines log = new Lines();
        LogSummary summary = new LogSummary(log, System.Logger.Level.INFO, "refused handshakes", 1, TimeUnit.HOURS);
        int[] details = {0};
        Supplier<String> detail = () -> "403 from /10.0.0." + ++details[0];
        for (int i = 0; i < 10_000; i++) {
            summary.record(i % 2 == 0 ? "403 origin" : "429 per address", detail);
        }
        assertThat(log.lines).containsExactly("refused handshakes: 403 from /10.0.0.1 (more are summarized every 3600 s)");
        assertThat(details[0]).as("details built only for the line that shows them").isEqualTo(1);
        assertThat(summary.pending()).isEqualTo(9_999);

        summary.flush(false);
        assertThat(log.lines).hasSize(1); // the interval is not over
        summary.flush(true);
        assertThat(log.lines).hasSize(2);
        assertThat(log.lines.get(1)).startsWith("refused handshakes in the last ")
                .endsWith(": 403 origin ×4999, 429 per address ×5000 (9999 in all)");
        assertThat(summary.pending()).isZero();
    }

    @Test
    void countsAreLoggedOnceTheirIntervalIsOverAndAQuietIntervalResetsToDetail() {
        Lines log = new Lines();
        long[] now = {0};
        LogSummary summary = new LogSummary(log, System.Logger.Level.INFO, "stalls", 10, TimeUnit.SECONDS, () -> now[0]);
        summary.record("mid-frame", () -> "first");
        summary.record("mid-frame", () -> "second");
        now[0] += TimeUnit.SECONDS.toNanos(5);
        summary.record("mid-frame", () -> "still within");
        assertThat(log.lines).hasSize(1);
        now[0] += TimeUnit.SECONDS.toNanos(6);
        summary.record("mid-frame", () -> "third"); // over the interval: the summary goes out with it
        assertThat(log.lines).hasSize(2);
        assertThat(log.lines.get(1)).isEqualTo("stalls in the last 11 s: mid-frame ×3 (3 in all)");
        now[0] += TimeUnit.SECONDS.toNanos(11);
        summary.flush(false); // nothing counted, a whole interval passed: quiet again
        summary.record("mid-message", () -> "after the quiet");
        assertThat(log.lines).hasSize(3);
        assertThat(log.lines.get(2)).isEqualTo("stalls: after the quiet (more are summarized every 10 s)");
    }
}
