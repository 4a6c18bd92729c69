package io.wssocket.hazelcast;

import static org.awaitility.Awaitility.await;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * WS Socket servers in this JVM, each with its own embedded Hazelcast member, joined into one
 * cluster over loopback. Started together, so that they find each other at once; a node that
 * stopped can be {@linkplain #restart restarted}: a new server on the same ports joins again.
 */
final class ClusterNodes implements AutoCloseable {
    static {
        // Test timings: join at once and notice a lost member within seconds (Hazelcast reads
        // these from system properties where the configuration sets nothing).
        System.setProperty("hazelcast.wait.seconds.before.join", "0");
        System.setProperty("hazelcast.max.wait.seconds.before.join", "0");
        System.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        System.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
        System.setProperty("hazelcast.tcp.join.port.try.count", "1");
        System.setProperty("hazelcast.partition.count", "31");
        // Expired entries (a client node's lease) are looked for every second rather than every five.
        System.setProperty("hazelcast.internal.map.expiration.task.period.seconds", "1");
        // A split cluster looks for its other side every few seconds rather than after 5 minutes.
        System.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        System.setProperty("hazelcast.merge.next.run.delay.seconds", "3");
    }

    /** The servers, by index; a restart replaces its node's entry. */
    final List<WebSocketServer> servers = new CopyOnWriteArrayList<>();
    /** The cluster's name. */
    final String name = "test-" + UUID.randomUUID();
    private final List<Integer> clusterPorts;
    /** The nodes' WebSocket ports, chosen by the system at the first start and kept by restarts. */
    private final List<Integer> ports = new CopyOnWriteArrayList<>();
    /** The members' addresses, as option cluster-members takes them. */
    final String members;
    private final UnaryOperator<ServerConfig.Builder> options;

    ClusterNodes(int count) throws Exception {
        this(count, UnaryOperator.identity());
    }

    /** {@code count} nodes with the defaults changed by {@code options} (drain timings, say). */
    ClusterNodes(int count, UnaryOperator<ServerConfig.Builder> options) throws Exception {
        this.options = options;
        clusterPorts = freePorts(count);
        members = clusterPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
        List<CompletableFuture<WebSocketServer>> starting = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            starting.add(CompletableFuture.supplyAsync(() -> start(index, 0)));
        }
        try {
            for (CompletableFuture<WebSocketServer> node : starting) {
                WebSocketServer server = node.join();
                servers.add(server);
                ports.add(server.port());
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private WebSocketServer start(int index, int port) {
        ServerConfig config = options.apply(ServerConfig.defaults().host("127.0.0.1").port(port).eventLoops(1)
                .clusterName(name).clusterMembers(members).clusterHost("127.0.0.1").clusterPort(clusterPorts.get(index)))
                .build();
        try {
            return startRoomNode(config);
        } catch (Exception e) {
            throw new IllegalStateException("node with cluster port " + clusterPorts.get(index) + " did not start", e);
        }
    }

    /** A server with {@link RoomEndpoint}, started. */
    private static WebSocketServer startRoomNode(ServerConfig config) throws Exception {
        WebSocketServer server = WebSocketServer.create(config);
        try {
            server.container().addEndpoint(RoomEndpoint.class);
            server.start();
            return server;
        } catch (Exception e) {
            server.close();
            throw e;
        }
    }

    /**
     * Starts a node that joins as a Hazelcast client of these members (option cluster-client),
     * with a lease of {@code leaseMillis}; the caller closes it.
     */
    WebSocketServer startClientNode(long leaseMillis) throws Exception {
        return startRoomNode(ServerConfig.defaults().host("127.0.0.1").port(0).eventLoops(1).clusterName(name)
                .clusterMembers(members).clusterClient(true).clusterClientLeaseMillis(leaseMillis).build());
    }

    /**
     * A fresh server for node {@code index}, whose server has stopped (closed or drained): same
     * WebSocket port (a balancer's configuration names it), same cluster port and members. Returns
     * once every member of this JVM counts all the nodes again, so that the new member did join
     * the others rather than start a cluster of its own.
     */
    WebSocketServer restart(int index) {
        WebSocketServer old = servers.get(index);
        if (!old.termination().isDone()) {
            throw new IllegalStateException("node " + index + " is still running");
        }
        WebSocketServer fresh = start(index, port(index));
        servers.set(index, fresh);
        await("node " + index + " back in the cluster").atMost(Duration.ofSeconds(60)).until(() ->
                Hazelcast.getAllHazelcastInstances().stream()
                        .filter(member -> member.getConfig().getClusterName().equals(name))
                        .allMatch(member -> member.getCluster().getMembers().size() == servers.size()));
        return fresh;
    }

    /** Node {@code index}'s WebSocket port (kept across restarts). */
    int port(int index) {
        return ports.get(index);
    }

    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    /** The embedded Hazelcast member of {@code server}, a member node. */
    static HazelcastInstance memberOf(WebSocketServer server) {
        return Objects.requireNonNull(Hazelcast.getHazelcastInstanceByName(
                HazelcastTransportProvider.instanceName(UUID.fromString(server.cluster().nodeId()))),
                "no member of node " + server.cluster().nodeId());
    }

    WebSocketServer node(int index) {
        return servers.get(index);
    }

    int clusterPort(int index) {
        return clusterPorts.get(index);
    }

    URI uri(int index, String query) {
        return URI.create("ws://127.0.0.1:" + port(index) + "/room" + (query == null ? "" : "?" + query));
    }

    /** The URI of {@link RoomEndpoint} on {@code server}. */
    static URI uri(WebSocketServer server, String query) {
        return URI.create("ws://127.0.0.1:" + server.localAddress().getPort() + "/room"
                + (query == null ? "" : "?" + query));
    }

    /** {@code NODE1}.. to the nodes' WebSocket addresses, for a balancer's configuration. */
    Map<String, String> placeholders() {
        return Balancer.placeholders(ports);
    }

    @Override
    public void close() {
        servers.parallelStream().forEach(WebSocketServer::close);
    }
}
