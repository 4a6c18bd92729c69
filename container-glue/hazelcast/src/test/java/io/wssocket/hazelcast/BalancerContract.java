package io.wssocket.hazelcast;

import static io.wssocket.hazelcast.BalancedNodes.address;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What every balancer's round-robin and least-connections files must do in front of three nodes,
 * for a balancer given by a subclass; the subclass adds its own hash and PROXY protocol tests. Two
 * sets of nodes are shared by a class's tests: {@link #forwarded} reads the client's address
 * from {@code X-Forwarded-For}, {@link #proxied} from a PROXY protocol header.
 */
abstract class BalancerContract {
    static BalancedNodes forwarded;
    static BalancedNodes proxied;

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

    /** How a subclass's balancer starts: {@link Balancer#haproxy} or {@link Balancer#nginx}. */
    interface Launcher {
        Balancer start(String file, Map<String, String> nodes) throws IOException;
    }

    private final Launcher launcher;
    private final String roundRobinFile;
    private final String leastConnectionsFile;

    /** The balancer and its round-robin and least-connections files under {@code docs/deploy/}. */
    BalancerContract(Launcher launcher, String roundRobinFile, String leastConnectionsFile) {
        this.launcher = launcher;
        this.roundRobinFile = roundRobinFile;
        this.leastConnectionsFile = leastConnectionsFile;
    }

    /** Starts the balancer with {@code docs/deploy/<file>} in front of {@code nodes}. */
    Balancer start(String file, BalancedNodes nodes) throws IOException {
        return launcher.start(file, nodes.placeholders());
    }

    @Test
    void roundRobinSpreadsThirtyConnectionsTenToEachNodeWhichSeeTheClientsAddress() throws Exception {
        try (Balancer balancer = start(roundRobinFile, forwarded)) {
            Map<String, Integer> spread = forwarded.spread(30, address("127.0.0.5"), balancer.port(), true);

            assertThat(spread).containsOnly(Map.entry("node1", 10), Map.entry("node2", 10), Map.entry("node3", 10));
        }
    }

    @Test
    void leastConnectionsSendsNewConnectionsToTheNodesWithFewerOpen() throws Exception {
        try (Balancer balancer = start(leastConnectionsFile, forwarded)) {
            assertThat(forwarded.leastConnections(balancer.port())).hasSize(2);
        }
    }
}
