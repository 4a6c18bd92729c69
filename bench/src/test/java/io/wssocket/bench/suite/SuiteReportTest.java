package io.wssocket.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated Markdown: medians with ranges, totals of counts, ratios, failures, the smoke warning. */
class SuiteReportTest {

    private static ResultLine echo(String server, int round, double msgs, double p99, long errors) {
        return ResultLine.parse("RESULT server=" + server + " scenario=echo config=text-64-w1 label=\"64 B text, window 1\""
                + " round=" + round + " msgs_per_s=" + msgs + " mb_per_s=1 p50_us=10 p99_us=" + p99 + " max_us=100 errors=" + errors);
    }

    @Test
    void tableHasMediansRangesTotalsAndRatios() {
        List<ResultLine> lines = List.of(
                ResultLine.parse("META date=2026-11-26T05:00:00Z commit=abc1234 quick=false"),
                echo("wssocket", 1, 150_000, 1000, 0), echo("jetty", 1, 100_000, 2000, 1),
                echo("wssocket", 2, 140_000, 1100, 0), echo("jetty", 2, 90_000, 2200, 2),
                echo("wssocket", 3, 160_000, 900, 0), echo("jetty", 3, 80_000, 2100, 0));

        String md = SuiteReport.markdown(lines);

        assertThat(md).contains("### Echo").contains("![Echo: msgs/s](benchmarks/echo.png)")
                .contains("| 64 B text, window 1 | WS Socket | 150,000 (140,000–160,000) | 1.0 | 10 | 1,000 (900–1,100) | 100 | 0 | 3 |")
                .contains("| 64 B text, window 1 | Jetty 12.1 | 90,000 (80,000–100,000) | 1.0 | 10 | 2,100 (2,000–2,200) | 100 | 3 | 3 |")
                .contains("| 64 B text, window 1 | msgs/s ↑ | 1.67× |")
                .contains("| 64 B text, window 1 | p99 µs ↓ | 0.48× |")
                .contains("commit abc1234")
                .doesNotContain("Smoke run");
    }

    @Test
    void aServerWithoutResultsIsShownAsFailedAndPartialFailuresAreCounted() {
        List<ResultLine> lines = List.of(
                ResultLine.parse("META quick=true"),
                echo("wssocket", 1, 150_000, 1000, 0),
                ResultLine.parse("FAILED server=tyrus scenario=echo config=text-64-w1 label=\"64 B text, window 1\" round=1"
                        + " reason=\"server did not start: exit 1\""),
                echo("jetty", 1, 100_000, 2000, 0),
                ResultLine.parse("FAILED server=jetty scenario=echo config=text-64-w1 label=\"64 B text, window 1\" round=2"
                        + " reason=\"driver timed out\""));

        String md = SuiteReport.markdown(lines);

        assertThat(md).contains("Smoke run")
                .contains("| 64 B text, window 1 | Tyrus 2.2 (Grizzly) | **failed**: server did not start: exit 1 |")
                .contains("| 1 (1 failed) |")
                .contains("| 64 B text, window 1 | msgs/s ↑ | 1.50× |")
                .doesNotContain("Tyrus 2.2 (Grizzly) |\n|---");
    }

    @Test
    void whatTheServerLoggedIsNotedBesideItsRuns() {
        ResultLine oom = echo("tomcat", 1, 1000, 1000, 3428).with("note", "server: OutOfMemoryError: Java heap space");

        assertThat(SuiteReport.markdown(List.of(echo("wssocket", 1, 2000, 500, 0), oom)))
                .contains("| 3,428 | 1, server: OutOfMemoryError: Java heap space |");
    }

    @Test
    void aSingleRunShowsNoRange() {
        assertThat(SuiteReport.cell(Summary.of(List.of(12.345)), 1)).isEqualTo("12.3");
        assertThat(SuiteReport.cell(Summary.of(List.of(1.0, 2.0, 3.0)), 0)).isEqualTo("2 (1–3)");
    }
}
