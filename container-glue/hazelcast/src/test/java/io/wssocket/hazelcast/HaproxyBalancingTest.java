package io.wssocket.hazelcast;

import static io.wssocket.hazelcast.BalancedNodes.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Debian's HAProxy, configured by the files under {@code docs/deploy/}, in front of three nodes on
 * loopback: connections spread as each algorithm promises, and the nodes see the client's own
 * address (from {@code X-Forwarded-For}, or from a PROXY v2 header with {@code send-proxy-v2}).
 */
class HaproxyBalancingTest extends BalancerContract {
    HaproxyBalancingTest() {
        super(Balancer::haproxy, "haproxy-roundrobin.cfg", "haproxy-leastconn.cfg");
    }

    @Test
    void sourceHashKeepsEachClientAddressOnOneNodeAndTheNodeLearnsItFromAProxyV2Header() throws Exception {
        List<InetAddress> clients = IntStream.rangeClosed(2, 13).mapToObj(i -> address("127.0.0." + i)).toList();
        try (Balancer haproxy = start("haproxy-source.cfg", proxied)) {
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
