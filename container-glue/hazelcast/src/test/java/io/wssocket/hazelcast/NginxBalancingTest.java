package io.wssocket.hazelcast;

import static io.wssocket.hazelcast.BalancedNodes.address;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Debian's nginx, configured by the files under {@code docs/deploy/}, in front of three nodes on
 * loopback: connections spread as each algorithm promises (ip_hash by a client's /24 network),
 * and the nodes see the client's own address (from {@code X-Forwarded-For}, or from the PROXY v1
 * header of the stream module).
 */
class NginxBalancingTest extends BalancerContract {
    NginxBalancingTest() {
        super(Balancer::nginx, "nginx-round-robin.conf", "nginx-least-conn.conf");
    }

    @Test
    void ipHashKeepsEachClientNetworkOnOneNodeAndSpreadsNetworks() throws Exception {
        // nginx hashes the first three octets of an IPv4 address: 127.0.x.1 are twelve networks
        List<InetAddress> networks = IntStream.rangeClosed(1, 12).mapToObj(i -> address("127.0." + i + ".1")).toList();
        List<InetAddress> oneNetwork = IntStream.rangeClosed(2, 7).mapToObj(i -> address("127.0.0." + i)).toList();
        try (Balancer nginx = start("nginx-ip-hash.conf", forwarded)) {
            Map<String, String> nodeOfNetwork = forwarded.stickiness(networks, 3, nginx.port());
            Map<String, String> nodeInOneNetwork = forwarded.stickiness(oneNetwork, 2, nginx.port());

            assertThat(new HashSet<>(nodeOfNetwork.values())).as("nodes reached by 12 networks: %s", nodeOfNetwork)
                    .hasSize(3);
            assertThat(new HashSet<>(nodeInOneNetwork.values())).as("one /24 network, one node: %s", nodeInOneNetwork)
                    .hasSize(1);
        }
    }

    @Test
    void theStreamModuleSpreadsRoundRobinAndTheNodesLearnTheClientFromAProxyV1Header() throws Exception {
        try (Balancer nginx = start("nginx-stream-proxy-protocol.conf", proxied)) {
            Map<String, Integer> spread = proxied.spread(9, address("127.0.0.9"), nginx.port(), true);

            assertThat(spread).containsOnly(Map.entry("node1", 3), Map.entry("node2", 3), Map.entry("node3", 3));
        }
    }
}
