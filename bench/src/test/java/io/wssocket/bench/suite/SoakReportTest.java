package io.wssocket.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The soak's memory verdict: the spread of RSS and heap over the last 20 minutes of samples. */
class SoakReportTest {

    private static ResultLine sample(double seconds, long rssMib, long heapMib) {
        return ResultLine.parse("SAMPLE scenario=soak t_s=" + seconds + " rss_bytes=" + rssMib * 1048576
                + " heap_used_bytes=" + heapMib * 1048576);
    }

    @Test
    void onlyTheLastTwentyMinutesCount() {
        List<ResultLine> samples = new ArrayList<>();
        samples.add(sample(30, 50, 5)); // the warm-up, outside the window
        for (int t = 60; t <= 1800; t += 30) {
            samples.add(sample(t, t < 600 ? 80 : 100 + (t % 60 == 0 ? 5 : 0), 20));
        }

        SoakReport.Window w = SoakReport.window(samples);

        assertThat(w.fromS()).isEqualTo(600);
        assertThat(w.toS()).isEqualTo(1800);
        assertThat(w.rssMinMib()).isEqualTo(100);
        assertThat(w.rssMaxMib()).isEqualTo(105);
        assertThat(w.flat()).isTrue();
    }

    @Test
    void growthOverTenPercentIsNotFlat() {
        List<ResultLine> samples = List.of(sample(30, 100, 20), sample(60, 100, 21), sample(90, 100, 23));

        SoakReport.Window w = SoakReport.window(samples);

        assertThat(w.heapSpread()).isEqualTo(0.15, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(w.flat()).isFalse();
    }

    @Test
    void samplesWithoutMemoryAreLeftOut() {
        List<ResultLine> lines = List.of(sample(30, 100, 20),
                ResultLine.parse("SAMPLE scenario=soak t_s=60 note=\"no stats\""),
                ResultLine.parse("RESULT scenario=soak lost=0"));

        assertThat(SoakReport.samples(lines)).hasSize(1);
        assertThat(SoakReport.window(List.of())).isNull();
    }
}
