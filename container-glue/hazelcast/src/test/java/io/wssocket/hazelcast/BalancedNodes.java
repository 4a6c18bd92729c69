package io.wssocket.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import io.wssocket.test.RawWebSocket;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Three WS Socket servers on loopback, node1..node3, each serving {@link NodeEndpoint} at
 * {@code /node}, for a load balancer to spread connections over; and what a test measures through
 * the balancer: which node each connection reached.
 */
final class BalancedNodes implements AutoCloseable {
    /** Where a connection through the balancer landed, and the client address that node saw. */
    record Landing(RawWebSocket socket, String node, String client) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private final List<WebSocketServer> servers = new ArrayList<>();
    private final Map<String, AtomicInteger> open = new LinkedHashMap<>();

    /** Starts the nodes with the defaults changed by {@code options} (real-address settings, say). */
    BalancedNodes(UnaryOperator<ServerConfig.Builder> options) throws Exception {
        try {
            for (int i = 1; i <= 3; i++) {
                String name = "node" + i;
                AtomicInteger counter = new AtomicInteger();
                ServerEndpointConfig endpoint = ServerEndpointConfig.Builder.create(NodeEndpoint.class, "/node").build();
                endpoint.getUserProperties().put(NodeEndpoint.NODE, name);
                endpoint.getUserProperties().put(NodeEndpoint.OPEN, counter);
                WebSocketServer server = WebSocketServer.create(
                        options.apply(ServerConfig.defaults().host("127.0.0.1").port(0).eventLoops(1)).build());
                servers.add(server);
                server.container().addEndpoint(endpoint);
                server.start();
                open.put(name, counter);
            }
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** {@code NODE1}..{@code NODE3} to {@code 127.0.0.1:port}, for the configuration files. */
    Map<String, String> placeholders() {
        return Balancer.placeholders(servers.stream().map(WebSocketServer::port).toList());
    }

    /** The node's open sessions. */
    int open(String node) {
        return open.get(node).get();
    }

    /** Opens a WebSocket from local address {@code from} through the balancer and reads where it landed. */
    static Landing connect(InetAddress from, int port) throws IOException {
        RawWebSocket socket = RawWebSocket.connectFrom(from, port);
        try {
            socket.handshake("/node");
            String[] answer = socket.readFrame().text().split(" ");
            return new Landing(socket, answer[0], answer[1]);
        } catch (IOException | RuntimeException | Error e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Opens and closes {@code count} connections one after another from {@code from}; how many
     * reached each node (every node listed). Asserts that each node saw {@code from} as the client
     * when {@code realAddress}.
     */
    Map<String, Integer> spread(int count, InetAddress from, int port, boolean realAddress) throws IOException {
        Map<String, Integer> landed = new TreeMap<>();
        open.keySet().forEach(node -> landed.put(node, 0));
        for (int i = 0; i < count; i++) {
            try (Landing landing = connect(from, port)) {
                landed.merge(landing.node(), 1, Integer::sum);
                if (realAddress) {
                    assertThat(landing.client()).as("the client address %s saw", landing.node())
                            .isEqualTo(from.getHostAddress());
                }
            }
        }
        return landed;
    }

    /**
     * Least connections: nine held connections spread 3/3/3, then those on two nodes close; six
     * new connections must all go to those two nodes (3 each), none to the node still holding
     * its three. Returns the six's spread.
     */
    Map<String, Integer> leastConnections(int port) throws IOException {
        InetAddress client = InetAddress.getLoopbackAddress();
        List<Landing> held = new ArrayList<>();
        try {
            for (int i = 0; i < 9; i++) {
                held.add(connect(client, port));
            }
            assertThat(countByNode(held)).as("nine connections over three idle nodes").containsOnly(
                    Map.entry("node1", 3), Map.entry("node2", 3), Map.entry("node3", 3));
            String busy = held.get(0).node();
            for (Landing landing : List.copyOf(held)) {
                if (!landing.node().equals(busy)) {
                    landing.close();
                    held.remove(landing);
                }
            }
            await("the other nodes' sessions closed").atMost(Duration.ofSeconds(30)).until(() ->
                    open.entrySet().stream().allMatch(e -> e.getValue().get() == (e.getKey().equals(busy) ? 3 : 0)));
            List<Landing> fresh = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Landing landing = connect(client, port);
                held.add(landing);
                fresh.add(landing);
            }
            Map<String, Integer> spread = countByNode(fresh);
            assertThat(spread).as("six new connections while %s holds three", busy).doesNotContainKey(busy)
                    .allSatisfy((node, count) -> assertThat(count).isEqualTo(3));
            return spread;
        } finally {
            RawWebSocket.closeAll(held.stream().map(Landing::socket).toList());
        }
    }

    private static Map<String, Integer> countByNode(List<Landing> landings) {
        Map<String, Integer> counts = new TreeMap<>();
        landings.forEach(landing -> counts.merge(landing.node(), 1, Integer::sum));
        return counts;
    }

    /**
     * Connects {@code times} from each address: the node each address reached, asserting that all
     * of one address's connections reached the same node and that the node saw that address.
     */
    Map<String, String> stickiness(List<InetAddress> clients, int times, int port) throws IOException {
        Map<String, String> nodeOf = new TreeMap<>();
        for (InetAddress client : clients) {
            for (int i = 0; i < times; i++) {
                try (Landing landing = connect(client, port)) {
                    assertThat(landing.client()).as("the client address the node saw").isEqualTo(client.getHostAddress());
                    String first = nodeOf.putIfAbsent(client.getHostAddress(), landing.node());
                    assertThat(landing.node()).as("connection %d from %s", i, client)
                            .isEqualTo(first == null ? landing.node() : first);
                }
            }
        }
        return nodeOf;
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    @Override
    public void close() {
        servers.parallelStream().forEach(WebSocketServer::close);
    }
}
