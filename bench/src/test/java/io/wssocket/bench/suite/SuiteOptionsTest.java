package io.wssocket.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The suite's options, the runs they make and the wall time they are expected to take. */
class SuiteOptionsTest {

    private static SuiteOptions parse(String... args) {
        return SuiteOptions.parse(args, Path.of("."), Path.of("cp.txt"), "java");
    }

    @Test
    void defaultsAreTheFullSuiteButTheSoakInAboutTwoHours() {
        SuiteOptions o = parse();

        // every server but WS Socket's telemetry variants, which run only when named (Netty on OpenSSL runs wss
        // only, raw TCP echo-large only)
        assertThat(o.servers()).containsExactly(ServerKind.WSSOCKET, ServerKind.JETTY, ServerKind.TOMCAT,
                ServerKind.WSSOCKET_TOMCAT, ServerKind.UNDERTOW, ServerKind.TYRUS, ServerKind.NETTY, ServerKind.RAW_TCP,
                ServerKind.NETTY_OPENSSL);
        assertThat(o.scenarios()).containsExactly(Scenario.ECHO, Scenario.ECHO_C, Scenario.ECHO_LARGE, Scenario.WSS, Scenario.IDLE, Scenario.DEFLATE, Scenario.DEFLATE_IDLE,
                Scenario.BROADCAST, Scenario.SLOW, Scenario.HOSTILE, Scenario.CLUSTER_BROADCAST, Scenario.CLUSTER_IDLE);
        assertThat(o.rounds()).isEqualTo(3);
        assertThat(o.duration()).isEqualTo(5);
        assertThat(o.warmup()).isEqualTo(3);
        // seven servers (WS Socket inside Tomcat the seventh), each echoed by both drivers and with large
        // messages (raw TCP too), and the cluster's WS Socket alone, and wss on all but Tyrus: about 177 minutes
        assertThat(o.estimatedSeconds()).isBetween(80 * 60.0, 185 * 60.0);
        assertThat(o.attackSeconds()).isEqualTo(20);
        assertThat(o.soakMinutes()).isEqualTo(30);
    }

    @Test
    void theSoakRunsOnlyWhenAskedForAndOnlyOnWsSocket() {
        SuiteOptions o = parse("--scenarios", "soak", "--soak-minutes", "2");

        assertThat(o.scenarios()).containsExactly(Scenario.SOAK);
        assertThat(Scenario.SOAK.runsOn(ServerKind.WSSOCKET)).isTrue();
        assertThat(Scenario.SOAK.runsOn(ServerKind.JETTY)).isFalse();
        assertThat(Scenario.SOAK.runsIn(ServerKind.WSSOCKET, 2)).isFalse();
        assertThat(Scenario.HOSTILE.runsIn(ServerKind.JETTY, 3)).isTrue();
        RunConfig soak = Scenario.SOAK.configs(o).get(0);
        assertThat(soak.driverMain()).endsWith("SoakLoad");
        assertThat(soak.driverArgs()).containsSequence("--duration", "120");
        // one WS Socket run, however many servers are named
        assertThat(o.estimatedSeconds()).isBetween(120.0, 140.0);
    }

    @Test
    void hostileRunsEachAttackOnAServerOfItsOwn() {
        SuiteOptions o = parse("--scenarios", "hostile", "--attack-seconds", "25");

        List<RunConfig> runs = Scenario.HOSTILE.configs(o);
        assertThat(runs).extracting(RunConfig::id).containsExactly("blocked-16", "blocked-200", "flood", "origin", "fd", "chat");
        assertThat(runs).allSatisfy(r -> {
            assertThat(r.driverArgs()).containsSequence("--duration", "25");
            assertThat(r.measuresMemory()).isTrue();
        });
        assertThat(Scenario.HOSTILE.serverPerRun()).isTrue();
        assertThat(runs.get(0).serverJvmArgs()).containsExactly("-Dbench.echo.max-text=2097152");
        assertThat(runs.get(1).driverArgs()).containsSequence("--attackers", "200");
        assertThat(runs.get(4).serverOpenFiles()).isEqualTo(1024);
        assertThat(runs.get(4).driverArgs()).containsSequence("--attackers", "1100");
        assertThat(runs.get(2).serverOpenFiles()).isZero();
    }

    @Test
    void quickIsOneShortRoundAndExplicitValuesWin() {
        SuiteOptions quick = parse("--quick");
        assertThat(quick.rounds()).isEqualTo(1);
        assertThat(quick.duration()).isEqualTo(2);
        assertThat(quick.quick()).isTrue();
        assertThat(quick.attackSeconds()).isEqualTo(5);

        SuiteOptions o = parse("--quick", "--rounds", "2", "--servers", "wssocket,jetty", "--scenarios", "echo");
        assertThat(o.rounds()).isEqualTo(2);
        assertThat(o.servers()).containsExactly(ServerKind.WSSOCKET, ServerKind.JETTY);
        assertThat(o.estimatedSeconds()).isLessThan(quick.estimatedSeconds());
    }

    @Test
    void scenariosMakeTheirRuns() {
        SuiteOptions o = parse("--receivers", "200", "--slow-percent", "10", "--idle-connections", "500");

        assertThat(Scenario.ECHO.configs(o)).extracting(RunConfig::id).containsExactly("text-64-w1", "text-64-w16", "binary-16k-w4");
        assertThat(Scenario.ECHO.configs(o).get(2).driverArgs()).contains("--binary", "16384");
        // the C driver makes the same runs, so that the report can set each beside the Java driver's
        assertThat(Scenario.ECHO_C.configs(o)).extracting(RunConfig::id).containsExactly("text-64-w1", "text-64-w16", "binary-16k-w4");
        assertThat(Scenario.ECHO_C.configs(o)).allSatisfy(run -> assertThat(run.driverMain()).isEqualTo(CDriver.NAME));
        assertThat(Scenario.ECHO_C.configs(o).get(2).driverArgs()).isEqualTo(Scenario.ECHO.configs(o).get(2).driverArgs());
        assertThat(Scenario.ECHO.measuresServerCpu()).isTrue();
        assertThat(Scenario.ECHO_C.measuresServerCpu()).isTrue();
        assertThat(Scenario.IDLE.measuresServerCpu()).isFalse();
        assertThat(Scenario.IDLE.configs(o).get(0).driverArgs()).containsSequence("--connections", "500");
        assertThat(Scenario.BROADCAST.configs(o)).extracting(RunConfig::id).containsExactly("rate-10", "rate-100");
        RunConfig slow = Scenario.SLOW.configs(o).get(0);
        assertThat(slow.driverArgs()).containsSequence("--slow", "20");
        assertThat(slow.measuresMemory()).isTrue();
    }

    @Test
    void theClusterScenariosCompareOneServerWithClustersOfOneTwoAndThreeNodesOnWsSocketOnly() {
        SuiteOptions o = parse("--scenarios", "cluster-broadcast,cluster-idle", "--receivers", "600");

        assertThat(Scenario.CLUSTER_BROADCAST.runsOn(ServerKind.WSSOCKET)).isTrue();
        assertThat(Scenario.CLUSTER_IDLE.runsOn(ServerKind.JETTY)).isFalse();
        List<ClusterLayout> layouts = Scenario.CLUSTER_BROADCAST.clusterLayouts(o);
        assertThat(layouts).extracting(ClusterLayout::nodes).containsExactly(0, 1, 2, 3);
        assertThat(layouts.get(0).runs()).extracting(RunConfig::id).containsExactly("single-rate-10", "single-rate-100");
        // without a cluster the local broadcast endpoint, with one the endpoint that publishes to the cluster
        assertThat(layouts.get(0).runs().get(0).driverArgs()).containsSequence("--path", "/broadcast")
                .containsSequence("--receivers", "600");
        assertThat(layouts.get(3).runs().get(1).driverArgs()).containsSequence("--path", "/cluster-broadcast")
                .containsSequence("--rate", "100");
        assertThat(layouts.get(3).runs().get(1).label()).isEqualTo("3 nodes, 600 receivers, 100 msg/s");
        assertThat(Scenario.CLUSTER_BROADCAST.configs(o)).hasSize(8);
        List<ClusterLayout> idle = Scenario.CLUSTER_IDLE.clusterLayouts(o);
        assertThat(idle).extracting(ClusterLayout::nodes).containsExactly(0, 1, 3);
        assertThat(idle.get(2).runs().get(0).measuresMemory()).isTrue();
        assertThat(Scenario.ECHO.clusterLayouts(o)).isEmpty();
        // bounded: a few minutes per round on the 2-core machine, nothing without WS Socket
        assertThat(o.estimatedSeconds()).isBetween(2 * 60.0 * o.rounds(), 4 * 60.0 * o.rounds());
        assertThat(parse("--scenarios", "cluster-broadcast", "--servers", "jetty").estimatedSeconds()).isZero();
    }

    @Test
    void deflateIdleWarmsEachServerUpWithTheSameMessagesBeforeItsBaseline() {
        SuiteOptions o = parse("--idle-connections", "10000");

        List<RunConfig> runs = Scenario.DEFLATE_IDLE.configs(o);

        assertThat(runs).extracting(RunConfig::id).containsExactly("idle-8000-plain", "idle-8000-deflate");
        RunConfig deflate = runs.get(1);
        // measured at half and at all of the connections, on a heap that holds Tomcat's 8,000
        assertThat(deflate.driverArgs()).containsSequence("--connections", "8000").containsSequence("--hold-at", "4000");
        assertThat(deflate.serverJvmArgs()).contains("-Xmx2g", "-XX:+AlwaysPreTouch");
        assertThat(deflate.warmUpArgs()).containsSequence("--connections", "1000")
                .containsSequence("--hold-timeout", "0").containsSequence("--deflate", "on")
                .containsSequence("--first-message", "1024");
        RunConfig warmUp = deflate.warmUp();
        assertThat(warmUp.driverArgs()).isEqualTo(deflate.warmUpArgs());
        assertThat(warmUp.measuresMemory()).isFalse();
        assertThat(warmUp.serverJvmArgs()).isEqualTo(deflate.serverJvmArgs());
        assertThat(Scenario.IDLE.configs(o).get(0).warmUpArgs()).isEmpty();
    }

    @Test
    void badOptionsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> parse("--rounds", "0")).hasMessageContaining("--rounds");
        assertThatThrownBy(() -> parse("--servers", "iis")).hasMessageContaining("unknown server");
        assertThatThrownBy(() -> parse("--frobnicate", "1")).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> parse("--duration")).hasMessageContaining("missing value");
    }

    @Test
    void wssRunsTheThreeEchoesAndTheHandshakeLoopOverTlsWithTheGeneratedCertificate() {
        SuiteOptions o = parse("--quick");

        List<RunConfig> runs = Scenario.WSS.configs(o);

        assertThat(runs).extracting(RunConfig::id).containsExactly("text-64-w1", "text-64-w16", "binary-16k-w4", "handshakes-c8");
        assertThat(runs).extracting(RunConfig::driverMain).containsExactly("io.wssocket.bench.EchoLoad",
                "io.wssocket.bench.EchoLoad", "io.wssocket.bench.EchoLoad", "io.wssocket.bench.HandshakeLoad");
        String keystore = Path.of(".").resolve("bench/target/tls/bench.p12").toString();
        assertThat(runs).allSatisfy(run -> assertThat(String.join(" ", run.driverArgs())).contains("--tls " + keystore));
        // the echo runs open their connections a few TLS handshakes at a time, below WS Socket's max-tls-handshakes
        assertThat(runs.get(2).driverArgs()).contains("--binary", "16384", "--concurrency", "32");
        assertThat(runs.get(3).driverArgs()).contains("--concurrency", "8").doesNotContain("--connections");
        assertThat(Scenario.WSS.serverJvmArgs(o)).containsExactly("-Dbench.tls.keystore=" + keystore,
                "-Dbench.tls.password=bench-only");
        assertThat(Scenario.WSS.measuresServerCpu()).isTrue();
        assertThat(Scenario.WSS.section()).isEqualTo("wss");
        assertThat(Scenario.byId("wss")).isEqualTo(Scenario.WSS);
    }

    @Test
    void wssRunsOnEveryServerWhoseTlsTheBenchSetsUpAndNettyOnOpenSslRunsNothingElse() {
        assertThat(ServerKind.values()).filteredOn(Scenario.WSS::runsOn).doesNotContain(ServerKind.TYRUS)
                .contains(ServerKind.WSSOCKET, ServerKind.NETTY, ServerKind.NETTY_OPENSSL, ServerKind.JETTY, ServerKind.TOMCAT,
                        ServerKind.UNDERTOW, ServerKind.WSSOCKET_TOMCAT);
        assertThat(Scenario.values()).filteredOn(s -> s.runsOn(ServerKind.NETTY_OPENSSL)).containsExactly(Scenario.WSS);
        SuiteOptions o = parse("--quick", "--scenarios", "wss", "--servers", "wssocket tyrus");
        // one server runs it: a start and four runs of 1 s warmup, 2 s measured and a second around each
        assertThat(o.estimatedSeconds()).isEqualTo(2 + 4 * 4.0);
    }

    @Test
    void echoLargeRunsSixteenAndTwoHundredFiftySixKibOnEveryWebSocketServerAndTheRawTcpFloor() {
        assertThat(Scenario.values()).filteredOn(s -> s.runsOn(ServerKind.RAW_TCP)).containsExactly(Scenario.ECHO_LARGE);
        assertThat(ServerKind.values()).filteredOn(Scenario.ECHO_LARGE::runsOn).doesNotContain(ServerKind.NETTY_OPENSSL)
                .contains(ServerKind.WSSOCKET, ServerKind.NETTY, ServerKind.RAW_TCP, ServerKind.JETTY, ServerKind.TOMCAT,
                        ServerKind.UNDERTOW, ServerKind.TYRUS, ServerKind.WSSOCKET_TOMCAT);
        assertThat(ServerKind.RAW_TCP.speaksWebSocket()).isFalse();
        assertThat(ServerKind.RAW_TCP.servesTls()).isFalse();

        SuiteOptions o = parse("--quick", "--scenarios", "echo-large", "--servers", "wssocket raw-tcp");
        List<RunConfig> runs = Scenario.ECHO_LARGE.configs(o);
        assertThat(runs).extracting(RunConfig::id).containsExactly("binary-16k-w4", "text-16k-w4", "binary-256k-w1",
                "text-256k-w1");
        assertThat(runs).allSatisfy(run -> assertThat(run.driverMain()).isEqualTo(CDriver.NAME));
        assertThat(runs.get(2).driverArgs()).containsSubsequence("--size", "262144", "--window", "1", "--binary");
        // /echo takes 256 KiB of either kind on every server
        assertThat(Scenario.ECHO_LARGE.serverJvmArgs(o)).containsExactly("-Dbench.echo.max-text=262144",
                "-Dbench.echo.max-binary=262144");
    }

    @Test
    void idleRaisesWsSocketsLimitsSoThatEveryConnectionIsHeld() {
        // every connection comes from the driver's address: up to 16,000 the per-address limit alone
        assertThat(Scenario.IDLE.serverJvmArgs(parse("--scenarios", "idle")))
                .containsExactly("-Dwssocket.max-connections-per-address=16000");
        // beyond, max-connections too: its default under the runner's 20,000 open files is about 17,900
        assertThat(Scenario.IDLE.serverJvmArgs(parse("--scenarios", "idle", "--idle-connections", "19000")))
                .containsExactly("-Dwssocket.max-connections-per-address=19000", "-Dwssocket.max-connections=19000");
    }
}
