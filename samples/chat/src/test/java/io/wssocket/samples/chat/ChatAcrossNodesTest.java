package io.wssocket.samples.chat;

import static io.wssocket.samples.chat.EventStream.skipUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.deploy.Application;
import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import io.wssocket.test.JdkClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chat on a two-node cluster, as the README's "Two nodes" commands run it: the sample deployed
 * on two servers whose embedded Hazelcast members join over loopback; a member on each node sees
 * the other join, speak and leave.
 */
class ChatAcrossNodesTest {
    static {
        // join at once instead of Hazelcast's default wait for more members
        System.setProperty("hazelcast.wait.seconds.before.join", "0");
        System.setProperty("hazelcast.max.wait.seconds.before.join", "0");
        System.setProperty("hazelcast.partition.count", "31");
    }

    private static final List<WebSocketServer> servers = new ArrayList<>();
    private static final List<Application> applications = new ArrayList<>();

    @BeforeAll
    static void startTwoNodes() throws Exception {
        String cluster = "chat-" + UUID.randomUUID();
        int[] ports = freePorts();
        String members = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1];
        // started together, so that each finds the other at once
        CompletableFuture<WebSocketServer> first = CompletableFuture.supplyAsync(() -> node(cluster, members, ports[0]));
        CompletableFuture<WebSocketServer> second = CompletableFuture.supplyAsync(() -> node(cluster, members, ports[1]));
        servers.add(first.join());
        servers.add(second.join());
    }

    /** A server with the chat deployed, started: its cluster member joins the others now. */
    private static WebSocketServer node(String cluster, String members, int clusterPort) {
        WebSocketServer server = WebSocketServer.create(ServerConfig.builder().host("127.0.0.1").port(0)
                .clusterName(cluster).clusterMembers(members).clusterHost("127.0.0.1").clusterPort(clusterPort).build());
        try {
            Application chat = Application.deploy(Path.of("target/classes"), server.container(),
                    ChatAcrossNodesTest.class.getClassLoader());
            synchronized (applications) {
                applications.add(chat);
            }
            server.start();
            return server;
        } catch (Exception e) {
            server.close();
            throw new IllegalStateException("node with cluster port " + clusterPort + " did not start", e);
        }
    }

    @AfterAll
    static void stopNodes() {
        servers.parallelStream().forEach(WebSocketServer::close);
        applications.forEach(Application::close);
    }

    @Test
    void membersOnTwoNodesSeeEachOtherJoinSpeakAndLeave() throws Exception {
        try (JdkClient ann = JdkClient.connect(chat(0, "Ann"))) {
            skipUntil(ann, "\"type\":\"joined\"", "\"name\":\"Ann\"");
            // the cluster records presence in the background: Bob's count needs Ann's recorded
            await().until(() -> servers.get(1).cluster().groupMembers(RoomDelivery.GROUP).size() == 1);
            try (JdkClient bob = JdkClient.connect(chat(1, "Bob"))) {
                assertThat(skipUntil(bob, "\"type\":\"joined\"", "\"name\":\"Bob\"")).contains("\"members\":2");
                assertThat(skipUntil(ann, "\"type\":\"joined\"", "\"name\":\"Bob\"")).contains("\"members\":2");

                ann.send("hello from node one");
                assertThat(skipUntil(bob, "\"type\":\"message\"")).contains("\"from\":\"Ann\"", "hello from node one");
                bob.send("hello from node two");
                assertThat(skipUntil(ann, "\"type\":\"message\"", "node two")).contains("\"from\":\"Bob\"");
            }
            assertThat(skipUntil(ann, "\"type\":\"left\"")).contains("\"name\":\"Bob\"", "\"members\":1");
        }
    }

    private static URI chat(int node, String name) {
        return URI.create("ws://127.0.0.1:" + servers.get(node).port() + "/chat?name=" + name);
    }

    private static int[] freePorts() throws IOException {
        try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new int[] {a.getLocalPort(), b.getLocalPort()};
        }
    }
}
