package io.wssocket.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Figures computed from a driver's result and the server's memory before and after. */
class DerivedMetricsTest {

    @Test
    void echoThroughputInMegabytesPerSecond() {
        ResultLine r = DerivedMetrics.add(Scenario.ECHO, ResultLine.parse("RESULT size=16384 msgs_per_s=10000"), null, null);

        assertThat(r.number("mb_per_s")).hasValue(163.84);
    }

    @Test
    void idleMemoryPerConnectionIsTheGrowthOverTheOpenedConnections() {
        ResultLine before = ResultLine.parse("STATS heap_used_bytes=10000000 rss_bytes=100000000 send_failures=0");
        ResultLine after = ResultLine.parse("STATS heap_used_bytes=30480000 rss_bytes=202400000 send_failures=0");

        ResultLine r = DerivedMetrics.add(Scenario.IDLE, ResultLine.parse("RESULT opened=10000"), before, after);

        assertThat(r.number("rss_per_conn_kib")).hasValue(10.0);
        assertThat(r.number("heap_per_conn_kib")).hasValue(2.0);
        assertThat(r.get("base_rss_bytes")).isEqualTo("100000000");
    }

    @Test
    void idleReportsTheServersLiveThreadsWhileItHoldsTheConnections() {
        ResultLine before = ResultLine.parse("STATS heap_used_bytes=0 rss_bytes=0 send_failures=0 live_threads=11");
        ResultLine after = ResultLine.parse("STATS heap_used_bytes=0 rss_bytes=0 send_failures=0 live_threads=27");

        ResultLine r = DerivedMetrics.add(Scenario.IDLE, ResultLine.parse("RESULT opened=1000"), before, after);
        ResultLine older = DerivedMetrics.add(Scenario.IDLE, ResultLine.parse("RESULT opened=1000"),
                ResultLine.parse("STATS heap_used_bytes=0 rss_bytes=0"), ResultLine.parse("STATS heap_used_bytes=0 rss_bytes=0"));

        assertThat(r.number("threads")).hasValue(27.0);
        assertThat(older.get("threads")).isNull();
    }

    @Test
    void aWarmUpsResidentMemoryIsReportedApartFromThePerConnectionFigure() {
        ResultLine fresh = ResultLine.parse("STATS heap_used_bytes=10000000 rss_bytes=100000000 send_failures=0");
        ResultLine warm = ResultLine.parse("STATS heap_used_bytes=10000000 rss_bytes=105242880 send_failures=0");
        ResultLine after = ResultLine.parse("STATS heap_used_bytes=10000000 rss_bytes=109338880 send_failures=0");

        ResultLine r = DerivedMetrics.add(Scenario.DEFLATE_IDLE, ResultLine.parse("RESULT opened=1000"), warm, after);
        DerivedMetrics.addWarmUp(r, fresh, warm);

        assertThat(r.number("warmup_rss_mib")).hasValue(5.0);
        assertThat(r.number("rss_per_conn_kib")).hasValue(4.0);
    }

    @Test
    void withTwoHoldsTheCostPerConnectionIsTheSlopeBetweenThemAndWhatTheRunSpentOnceCancels() {
        ResultLine base = ResultLine.parse("STATS heap_used_bytes=10000000 rss_bytes=100000000 send_failures=0");
        // 5 MiB spent once during the run (say, compiled code) and 2 KiB RSS, 1 KiB heap per connection
        ResultLine mid = ResultLine.parse("STATS heap_used_bytes=" + (10000000 + 2000 * 1024) + " rss_bytes="
                + (100000000 + 5 * 1048576 + 2000 * 2048) + " send_failures=0");
        ResultLine full = ResultLine.parse("STATS heap_used_bytes=" + (10000000 + 4000 * 1024) + " rss_bytes="
                + (100000000 + 5 * 1048576 + 4000 * 2048) + " send_failures=0");
        ResultLine r = DerivedMetrics.add(Scenario.DEFLATE_IDLE, ResultLine.parse("RESULT opened=4000 opened_mid=2000"),
                base, full);

        DerivedMetrics.addSlope(r, mid, full);

        assertThat(r.number("rss_per_conn_kib")).hasValue(2.0);
        assertThat(r.number("heap_per_conn_kib")).hasValue(1.0);
        assertThat(r.number("rss_from_base_kib")).hasValue(3.28);
        assertThat(r.number("heap_from_base_kib")).hasValue(1.0);
        assertThat(r.get("mid_rss_bytes")).isEqualTo(Long.toString(100000000 + 5 * 1048576 + 2000 * 2048));
    }

    @Test
    void theSlopeCountsTheTrimmedRssAndTheLiveHeapAndKeepsTheUntrimmedRssBeside() {
        ResultLine mid = ResultLine.parse("STATS heap_used_bytes=20000000 heap_after_gc_bytes=10240000 rss_bytes=10240000"
                + " untrimmed_rss_bytes=30720000 trimmed_bytes=20480000");
        ResultLine full = ResultLine.parse("STATS heap_used_bytes=35000000 heap_after_gc_bytes=12288000 rss_bytes=12288000"
                + " untrimmed_rss_bytes=20480000 trimmed_bytes=8192000");
        ResultLine r = ResultLine.parse("RESULT opened=2000 opened_mid=1000 rss_per_conn_kib=4.0");

        DerivedMetrics.addSlope(r, mid, full);

        assertThat(r.number("rss_per_conn_kib")).hasValue(2.0);
        assertThat(r.number("heap_per_conn_kib")).hasValue(2.0);
        assertThat(r.number("rss_untrimmed_per_conn_kib")).hasValue(-10.0);
        assertThat(r.number("mid_trimmed_bytes")).hasValue(20480000);
        assertThat(r.get("after_heap_after_gc_bytes")).isEqualTo("12288000");
    }

    @Test
    void withoutConnectionsBetweenTheHoldsThereIsNoSlopeAndTheFiguresStay() {
        ResultLine same = ResultLine.parse("STATS heap_used_bytes=10000000 rss_bytes=100000000 send_failures=0");
        ResultLine r = ResultLine.parse("RESULT opened=2000 opened_mid=2000 rss_per_conn_kib=4.0");

        DerivedMetrics.addSlope(r, same, same);

        assertThat(r.number("rss_per_conn_kib")).hasValue(4.0);
        assertThat(r.get("rss_from_base_kib")).isNull();
    }

    @Test
    void severalMeasurementsAtOnePointCountWithTheLeastOfEachFigure() {
        ResultLine r = DerivedMetrics.leastOf(java.util.List.of(
                ResultLine.parse("STATS heap_used_bytes=17000000 rss_bytes=2230000000 untrimmed_rss_bytes=2240000000 send_failures=0"),
                ResultLine.parse("STATS heap_used_bytes=11000000 rss_bytes=2215000000 untrimmed_rss_bytes=2234000000 send_failures=0"),
                ResultLine.parse("STATS heap_used_bytes=17000000 rss_bytes=2216000000 untrimmed_rss_bytes=2216000000 send_failures=1")));

        assertThat(r.get("heap_used_bytes")).isEqualTo("11000000");
        assertThat(r.get("rss_bytes")).isEqualTo("2215000000");
        assertThat(r.get("untrimmed_rss_bytes")).isEqualTo("2216000000");
        assertThat(r.get("send_failures")).isEqualTo("1");
    }

    @Test
    void slowConsumerGrowthAndFailedSendsDuringTheRun() {
        ResultLine before = ResultLine.parse("STATS heap_used_bytes=0 rss_bytes=1048576 send_failures=5");
        ResultLine after = ResultLine.parse("STATS heap_used_bytes=2097152 rss_bytes=11534336 send_failures=12");

        ResultLine r = DerivedMetrics.add(Scenario.SLOW, ResultLine.parse("RESULT lost=0"), before, after);

        assertThat(r.number("rss_growth_mib")).hasValue(10.0);
        assertThat(r.number("heap_growth_mib")).hasValue(2.0);
        assertThat(r.number("send_failures")).hasValue(7.0);
    }

    @Test
    void anAttackGetsTheServersMemoryLogAndState() {
        ResultLine held = ResultLine.parse("STATS heap_used_bytes=104857600 rss_bytes=419430400 send_failures=0");

        ResultLine ok = DerivedMetrics.hostile(ResultLine.parse("RESULT p99_us=900"), held, 3, false, "");
        assertThat(ok.number("heap_mib")).hasValue(100.0);
        assertThat(ok.number("rss_mib")).hasValue(400.0);
        assertThat(ok.number("log_lines")).hasValue(3.0);
        assertThat(ok.get("server_state")).isEqualTo("ok");

        ResultLine gone = DerivedMetrics.hostile(ResultLine.parse("RESULT p99_us=900"), null, -1, true,
                "server: OutOfMemoryError: Java heap space");
        assertThat(gone.get("heap_mib")).isNull();
        assertThat(gone.get("log_lines")).isNull();
        assertThat(gone.get("server_state")).isEqualTo("OOM+died");
        assertThat(DerivedMetrics.hostile(ResultLine.parse("RESULT"), held, 0, false, "server: OutOfMemoryError: x")
                .get("server_state")).isEqualTo("OOM");
    }

    @Test
    void clusterIdleGivesTheFirstNodesIdleCostAndWhatEachNodeHoldsPerConnection() {
        List<ResultLine> before = List.of(
                ResultLine.parse("STATS heap_after_gc_bytes=10485760 rss_bytes=209715200 live_threads=41"),
                ResultLine.parse("STATS heap_after_gc_bytes=10000000 rss_bytes=1 live_threads=40"),
                ResultLine.parse("STATS heap_after_gc_bytes=10000000 rss_bytes=1 live_threads=40"));
        List<ResultLine> held = List.of(
                ResultLine.parse("STATS heap_after_gc_bytes=15605760 rss_bytes=1 live_threads=62"),
                ResultLine.parse("STATS heap_after_gc_bytes=10512000 rss_bytes=1 live_threads=40"),
                ResultLine.parse("STATS heap_after_gc_bytes=10512000 rss_bytes=1 live_threads=40"));

        ResultLine r = DerivedMetrics.clusterIdle(ResultLine.parse("RESULT opened=2000"), before, held);

        assertThat(r.number("heap_mib")).hasValue(10.0);
        assertThat(r.number("rss_mib")).hasValue(200.0);
        assertThat(r.number("idle_threads")).hasValue(41.0);
        assertThat(r.number("threads")).hasValue(62.0);
        assertThat(r.number("heap_per_conn_kib")).hasValue(2.5);
        assertThat(r.number("peer_heap_per_conn_kib")).hasValue(0.5);
    }

    @Test
    void clusterIdleOfOneServerHasNoOtherNodes() {
        ResultLine r = DerivedMetrics.clusterIdle(ResultLine.parse("RESULT opened=1000"),
                List.of(ResultLine.parse("STATS heap_after_gc_bytes=0 live_threads=10")),
                List.of(ResultLine.parse("STATS heap_after_gc_bytes=1024000 live_threads=30")));

        assertThat(r.number("heap_per_conn_kib")).hasValue(1.0);
        assertThat(r.get("peer_heap_per_conn_kib")).isNull();
    }
}
