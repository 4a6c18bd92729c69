package io.wssocket.hazelcast;

import static io.wssocket.hazelcast.BalancedNodes.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Debian's HAProxy, configured by the files under {@code docs/deploy/}, in front of three nodes on
 * loopback: connections spread as each algorithm promises, and the nodes see the client's own
 * address (from {@code X-Forwarded-For}, or from a PROXY v2 header with {@code send-proxy-v2}).
 */
class HaproxyBalancingTest {
    private static BalancedNodes forwarded;
    private static BalancedNodes proxied;

    @BeforeAll
    static void startNodes() throws Exception {
        forwarded = new BalancedNodes(options -> options.forwardedHeaders("x-forwarded-for").trustedProxies("127.0.0.1"));
        proxied = new BalancedNodes(options -> options.proxyProtocol(true).trustedProxies("127.0.0.1"));
    }

    @AfterAll
    static void stopNodes() {
        for (BalancedNodes nodes : new BalancedNodes[] {forwarded, proxied}) {
            if (nodes != null) {
                nodes.close();
            }
        }
    }

    @Test
    void roundRobinSpreadsThirtyConnectionsTenToEachNodeWhichSeeTheClientsAddress() throws Exception {
        try (Balancer haproxy = Balancer.haproxy("haproxy-roundrobin.cfg", forwarded.placeholders())) {
            Map<String, Integer> spread = forwarded.spread(30, address("127.0.0.5"), haproxy.port(), true);

            assertThat(spread).containsOnly(Map.entry("node1", 10), Map.entry("node2", 10), Map.entry("node3", 10));
        }
    }

    @Test
    void leastConnectionsSendsNewConnectionsToTheNodesWithFewerOpen() throws Exception {
        try (Balancer haproxy = Balancer.haproxy("haproxy-leastconn.cfg", forwarded.placeholders())) {
            assertThat(forwarded.leastConnections(haproxy.port())).hasSize(2);
        }
    }

    @Test
    void sourceHashKeepsEachClientAddressOnOneNodeAndTheNodeLearnsItFromAProxyV2Header() throws Exception {
        List<InetAddress> clients = IntStream.rangeClosed(2, 13).mapToObj(i -> address("127.0.0." + i)).toList();
        try (Balancer haproxy = Balancer.haproxy("haproxy-source.cfg", proxied.placeholders())) {
            Map<String, String> nodeOf = proxied.stickiness(clients, 3, haproxy.port());

            assertThat(new HashSet<>(nodeOf.values())).as("nodes reached by 12 client addresses: %s", nodeOf).hasSize(3);
        }
    }

    @Test
    void aMissingBalancerBinaryFailsTheTestNamingTheInstallCommand() {
        assertThatThrownBy(() -> Balancer.locate("haproxy-not-installed")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("haproxy-not-installed is not installed")
                .hasMessageContaining("apt-get install haproxy nginx");
    }
}
