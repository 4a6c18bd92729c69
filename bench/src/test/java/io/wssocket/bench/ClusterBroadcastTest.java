package io.wssocket.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.bench.suite.LoopbackPorts;
import io.wssocket.bench.suite.ResultLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cluster-broadcast scenario in small: two bench servers in this JVM joined in one cluster
 * on loopback, as the runner joins its nodes (the second names the first and itself), and the
 * broadcast driver spread over both: every message published on the first node reaches the
 * receivers on the second, once each and in order.
 */
@Timeout(120)
class ClusterBroadcastTest {

    private static final List<WsSocketEchoServer> NODES = new ArrayList<>();
    private static final List<String> PORTS = new ArrayList<>();

    @BeforeAll
    static void startTwoNodes() throws Exception {
        String name = "bench-test-" + UUID.randomUUID();
        List<Integer> clusterPorts = LoopbackPorts.free(2);
        Map<String, String> timings = Map.of("hazelcast.wait.seconds.before.join", "0",
                "hazelcast.max.wait.seconds.before.join", "0", "hazelcast.tcp.join.port.try.count", "1");
        timings.forEach(System::setProperty);
        try {
            for (int i = 0; i < 2; i++) {
                // each server reads its options from the system properties once, at its start
                System.setProperty("wssocket.cluster-name", name);
                System.setProperty("wssocket.cluster-port", Integer.toString(clusterPorts.get(i)));
                System.setProperty("wssocket.cluster-members", i == 0 ? "127.0.0.1:" + clusterPorts.get(0)
                        : "127.0.0.1:" + clusterPorts.get(0) + ",127.0.0.1:" + clusterPorts.get(1));
                WsSocketEchoServer node = new WsSocketEchoServer();
                PORTS.add(Integer.toString(node.start("127.0.0.1", 0)));
                NODES.add(node);
            }
        } finally {
            for (String key : List.of("wssocket.cluster-name", "wssocket.cluster-port", "wssocket.cluster-members")) {
                System.clearProperty(key);
            }
            timings.keySet().forEach(System::clearProperty);
        }
    }

    @AfterAll
    static void stopNodes() throws Exception {
        for (WsSocketEchoServer node : NODES) {
            node.stop();
        }
    }

    @Test
    void everyReceiverOnEitherNodeGetsEveryMessageOnceAndInOrder() throws Exception {
        BroadcastLoad load = new BroadcastLoad(new DriverArgs(new String[] {"--ports", String.join(",", PORTS),
                "--path", ClusterBroadcastEndpoint.PATH, "--receivers", "20", "--rate", "50", "--warmup", "1",
                "--duration", "1"}, BroadcastLoad.OPTIONS));

        load.run();

        ResultLine r = ResultLine.parse(load.resultLine());
        assertThat(r.number("nodes")).hasValue(2);
        assertThat(r.number("errors")).hasValue(0);
        assertThat(r.number("lost")).hasValue(0);
        assertThat(r.number("duplicates")).hasValue(0);
        assertThat(r.number("sent").orElseThrow()).isPositive();
        assertThat(r.number("delivered")).isEqualTo(r.number("expected"));
        assertThat(r.number("expected").orElseThrow()).isEqualTo(20 * r.number("sent").orElseThrow());
        assertThat(r.number("received_per_s").orElseThrow()).isPositive();
    }
}
