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
                .contains("| 64 B text, window 1 | WS Socket | 150,000 (140,000–160,000) | – | – | 1.0 | 10 | 1,000 (900–1,100) | 100 | 0 | 3 |")
                .contains("| 64 B text, window 1 | Jetty 12.1 | 90,000 (80,000–100,000) | – | – | 1.0 | 10 | 2,100 (2,000–2,200) | 100 | 3 | 3 |")
                .contains("| 64 B text, window 1 | msgs/s ↑ | 1.67× |")
                .contains("| 64 B text, window 1 | p99 µs ↓ | 0.48× |")
                .contains("commit abc1234")
                .doesNotContain("Smoke run");
    }

    private static ResultLine echoBy(String scenario, String server, double msgs, double cpuPerMessage) {
        return ResultLine.parse("RESULT server=" + server + " scenario=" + scenario + " config=binary-16k-w4"
                + " label=\"16 KiB binary, window 4\" round=1 msgs_per_s=" + msgs + " cpu_us_per_msg=" + cpuPerMessage
                + " server_cpu_pct=95 mb_per_s=1 p50_us=10 p99_us=20 max_us=100 errors=0 mismatches=0");
    }

    @Test
    void theCDriversFiguresStandBesideTheJavaDriversWithWsSocketsRatioToEachPeerByEither() {
        List<ResultLine> lines = List.of(ResultLine.parse("META quick=false"),
                echoBy("echo", "wssocket", 20_000, 40), echoBy("echo", "netty", 25_000, 30),
                echoBy("echo-c", "wssocket", 18_000, 42), echoBy("echo-c", "netty", 30_000, 29));

        String md = SuiteReport.markdown(lines);

        assertThat(md).contains("### Echo, C driver")
                .contains("| 16 KiB binary, window 4 | WS Socket | 18,000 | 42.0 | 95 |")
                .contains("| 16 KiB binary, window 4 | server CPU µs/msg ↓ | 1.45× |")
                .contains("1 of 2 within 15 %.")
                .contains("| 16 KiB binary, window 4 | WS Socket | 20,000 | 18,000 | 0.90× | 40.0 | 42.0 |")
                .contains("| 16 KiB binary, window 4 | Netty 4.2 (raw codec) | 25,000 | 30,000 | 1.20× | 30.0 | 29.0 |")
                .contains("| 16 KiB binary, window 4 | Netty 4.2 (raw codec) | 0.80× | 0.60× |");
    }

    @Test
    void theClusterScenariosHaveASectionOfTheirOwnWithOneRowPerLayout() {
        List<ResultLine> lines = List.of(ResultLine.parse("META quick=false"),
                ResultLine.parse("RESULT server=wssocket scenario=cluster-broadcast config=single-rate-10"
                        + " label=\"no cluster, 1,000 receivers, 10 msg/s\" round=1 received_per_s=10000 deliveries_per_s=10000"
                        + " p50_us=6000 p99_us=60000 max_us=70000 lost=0 duplicates=0 errors=0 load_1m=12.5"),
                ResultLine.parse("RESULT server=wssocket scenario=cluster-broadcast config=nodes-3-rate-10"
                        + " label=\"3 nodes, 1,000 receivers, 10 msg/s\" round=1 received_per_s=10000 deliveries_per_s=10000"
                        + " p50_us=9000 p99_us=90000 max_us=99000 lost=0 duplicates=2 errors=2 load_1m=14.0"));

        String md = SuiteReport.markdown(lines, Scenario.CLUSTER_BROADCAST.section());

        assertThat(Scenario.CLUSTER_IDLE.section()).isEqualTo("cluster");
        assertThat(md).startsWith("## Load benchmarks of a WS Socket cluster (Hazelcast)")
                .contains("### Cluster broadcast")
                .contains("| no cluster, 1,000 receivers, 10 msg/s | WS Socket | 10,000 | 10,000 | 6,000 | 60,000 | 70,000 | 0 | 0 | 0 | 12.5 | 1 |")
                .contains("| 3 nodes, 1,000 receivers, 10 msg/s | WS Socket | 10,000 | 10,000 | 9,000 | 90,000 | 99,000 | 0 | 2 | 2 | 14.0 | 1 |")
                .contains("Each round runs every layout in turn")
                .doesNotContain("Ratios");
    }

    @Test
    void wsSocketInTomcatIsAlsoComparedWithTomcatsOwnWebSocket() {
        List<ResultLine> lines = List.of(ResultLine.parse("META quick=false"),
                echo("wssocket", 1, 150_000, 1000, 0), echo("tomcat", 1, 60_000, 2000, 0),
                echo("wssocket-tomcat", 1, 45_000, 4000, 0));

        String md = SuiteReport.markdown(lines);

        assertThat(md).contains("| 64 B text, window 1 | WS Socket in Tomcat 11 | 45,000 |")
                .contains("Ratios, WS Socket / peer (medians):\n\n| run | figure | Tomcat 11 | WS Socket in Tomcat 11 |")
                .contains("| 64 B text, window 1 | msgs/s ↑ | 2.50× | 3.33× |")
                .contains("Ratios, WS Socket in Tomcat 11 / Tomcat 11 (medians")
                .contains("| 64 B text, window 1 | msgs/s ↑ | 0.75× |")
                .contains("| 64 B text, window 1 | p99 µs ↓ | 2.00× |");
    }

    @Test
    void noBridgeRatiosWithoutTomcat() {
        String md = SuiteReport.markdown(List.of(echo("wssocket", 1, 150_000, 1000, 0), echo("wssocket-tomcat", 1, 45_000, 4000, 0)));

        assertThat(md).contains("Ratios, WS Socket / peer").doesNotContain("Ratios, WS Socket in Tomcat 11 / Tomcat 11");
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

    private static ResultLine attack(String server, String config, String extra) {
        return ResultLine.parse("RESULT server=" + server + " scenario=hostile config=" + config + " label=\"" + config
                + " attack\" round=1 p50_us=500 p99_us=2000 failed_connects=0 lost=0 late=0 disconnects=0 new_failed=0"
                + " new_tried=20 heap_mib=50 rss_mib=300 server_state=ok attack_opened=16 attack_msgs=32 " + extra);
    }

    @Test
    void hostileHasOneTablePerAttackWithTheFiguresThatAttackHas() {
        List<ResultLine> lines = List.of(ResultLine.parse("META quick=false"),
                attack("wssocket", "origin", "origin_evil=refused_403 origin_null=refused_403 origin_same=accepted"),
                attack("jetty", "origin", "origin_evil=accepted origin_null=accepted origin_same=accepted"),
                attack("wssocket", "fd", "log_lines=2"),
                attack("jetty", "fd", "log_lines=40000").with("server_state", "OOM"));

        String md = SuiteReport.markdown(lines);

        assertThat(md).contains("### Hostile and unlucky load").contains("#### origin attack").contains("#### fd attack")
                .contains("| server | good p99 µs |")
                .contains("\n| WS Socket | 2,000 | 500 | 0 | 0 | 0 | 0 | 0 | 20 | 50.0 | 300.0 | ok | 16 | 32"
                        + " | refused_403 | refused_403 | accepted | 1 |")
                .contains("\n| Jetty 12.1 | 2,000 | 500 | 0 | 0 | 0 | 0 | 0 | 20 | 50.0 | 300.0 | OOM | 40,000 |");
        assertThat(md).contains("WS Socket: well-behaved p99 2,000 µs against the best peer's 2,000 µs (Jetty 12.1): no worse;"
                + " failures 0; server ok.");
        String fdTable = md.substring(md.indexOf("#### fd attack"));
        assertThat(fdTable.substring(0, fdTable.indexOf("\n\n", fdTable.indexOf("| server |")))).doesNotContain("Origin");
    }

    @Test
    void theSoakSectionSaysWhatWasLostAndWhetherMemoryStayedFlat() {
        List<ResultLine> lines = new java.util.ArrayList<>();
        lines.add(ResultLine.parse("META quick=false"));
        for (int i = 1; i <= 4; i++) {
            lines.add(ResultLine.parse("SAMPLE server=wssocket scenario=soak config=soak-2min round=1 t_s=" + (30 * i)
                    + " lost=0 rss_bytes=" + (100 + i) * 1048576L + " heap_used_bytes=" + 20 * 1048576L));
        }
        lines.add(ResultLine.parse("RESULT server=wssocket scenario=soak config=soak-2min label=\"2 min, mixed load\" round=1"
                + " duration_s=120 clients=41 slow=4 echoes=1000 deliveries=2000 published=100 churned=500 lost=0 late=0"
                + " failed_connects=0 disconnects=0 errors=0"));

        String md = SuiteReport.markdown(lines);

        assertThat(md).contains("### Soak").contains("![Soak: server RSS and heap after GC](benchmarks/soak.png)")
                .contains("**lost messages: 0**")
                .contains("RSS 101.0–104.0 MiB (spread 3.0 %), heap after GC 20.0–20.0 MiB (spread 0.0 %): **within 10 %**")
                .contains("shorter than 20 minutes");
    }

    private static ResultLine wss(String server, String config, String figures) {
        return ResultLine.parse("RESULT server=" + server + " scenario=wss config=" + config + " label=" + config + " round=1 "
                + figures + " server_cpu_pct=90 p50_us=10 p99_us=20 max_us=30 errors=0");
    }

    @Test
    void wssHasASectionOfItsOwnWithATableForEchoesOneForHandshakesAndTheRatioToTheBestJdkPeer() {
        List<ResultLine> lines = List.of(ResultLine.parse("META quick=true"),
                wss("wssocket", "text-64-w1", "msgs_per_s=9000 cpu_us_per_msg=50 mb_per_s=0.6"),
                wss("jetty", "text-64-w1", "msgs_per_s=6000 cpu_us_per_msg=80 mb_per_s=0.4"),
                wss("netty", "text-64-w1", "msgs_per_s=10000 cpu_us_per_msg=45 mb_per_s=0.6"),
                wss("netty-openssl", "text-64-w1", "msgs_per_s=18000 cpu_us_per_msg=25 mb_per_s=1.2"),
                wss("wssocket", "handshakes-c8", "handshakes_per_s=800 cpu_us_per_handshake=1100"),
                wss("tomcat", "handshakes-c8", "handshakes_per_s=500 cpu_us_per_handshake=1900"));

        String md = SuiteReport.markdown(lines, "wss");

        assertThat(md).startsWith("## Load benchmarks over TLS (wss): WS Socket and peer servers")
                .contains("Smoke run").contains("### wss (TLS 1.3)").contains("![wss (TLS 1.3): msgs/s](benchmarks/wss.png)")
                // the echo table has no handshake columns, the handshake table no message columns
                .contains("| run | server | msgs/s | server CPU µs/msg | server CPU % | MB/s | p50 µs | p99 µs | max µs | errors | runs |")
                .contains("| text-64-w1 | Netty 4.2, OpenSSL (BoringSSL) | 18,000 | 25.0 | 90 | 1.2 | 10 | 20 | 30 | 0 | 1 |")
                .contains("| run | server | server CPU % | handshakes/s | server CPU µs/handshake | p50 µs | p99 µs | max µs | errors | runs |")
                .contains("| handshakes-c8 | WS Socket | 90 | 800 | 1,100 | 10 | 20 | 30 | 0 | 1 |")
                .contains("| handshakes-c8 | server CPU µs/handshake ↓ |")
                // the target is set against the JDK's SSLEngine: Netty on the JDK, not on OpenSSL
                .contains("- text-64-w1: WS Socket 9,000 msgs/s, best peer Netty 4.2 (raw codec) 10,000: **0.90×** (target ≥ 1.0×: "
                        + "not met); Netty 4.2, OpenSSL (BoringSSL) 18,000 (0.50×)")
                .contains("- handshakes-c8: WS Socket 800 handshakes/s, best peer Tomcat 11 500: **1.60×** (target ≥ 1.0×: met)");
    }

}
