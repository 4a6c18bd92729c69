package io.wssocket.hazelcast;

import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * WS Socket servers in this JVM, each with its own embedded Hazelcast member, joined into one
 * cluster over loopback. Started together, so that they find each other at once.
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
    }

    final List<WebSocketServer> servers = new ArrayList<>();
    private final List<Integer> clusterPorts;

    ClusterNodes(int count) throws Exception {
        String name = "test-" + UUID.randomUUID();
        List<Integer> ports = freePorts(count);
        clusterPorts = ports;
        String members = ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
        List<CompletableFuture<WebSocketServer>> starting = new ArrayList<>();
        for (int port : ports) {
            starting.add(CompletableFuture.supplyAsync(() -> start(name, members, port)));
        }
        try {
            for (CompletableFuture<WebSocketServer> node : starting) {
                servers.add(node.join());
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static WebSocketServer start(String name, String members, int clusterPort) {
        ServerConfig config = ServerConfig.defaults().host("127.0.0.1").port(0).eventLoops(1)
                .clusterName(name).clusterMembers(members).clusterHost("127.0.0.1").clusterPort(clusterPort).build();
        WebSocketServer server = WebSocketServer.create(config);
        try {
            server.container().addEndpoint(RoomEndpoint.class);
            server.start();
            return server;
        } catch (Exception e) {
            server.close();
            throw new IllegalStateException("node with cluster port " + clusterPort + " did not start", e);
        }
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

    WebSocketServer node(int index) {
        return servers.get(index);
    }

    int clusterPort(int index) {
        return clusterPorts.get(index);
    }

    URI uri(int index, String query) {
        return URI.create("ws://127.0.0.1:" + node(index).localAddress().getPort() + "/room"
                + (query == null ? "" : "?" + query));
    }

    @Override
    public void close() {
        servers.parallelStream().forEach(WebSocketServer::close);
    }
}
