package io.wssocket.hazelcast;

import static io.wssocket.hazelcast.ClusterMessagingTest.idOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.JdkClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chat works across nodes through a balancer: three clustered nodes behind HAProxy and behind
 * nginx (round-robin, the files under {@code docs/deploy/}); three members of a room, one on
 * each node, each get what one of them sends.
 */
class ChatThroughBalancerTest {
    private static ClusterNodes nodes;

    @BeforeAll
    static void startCluster() throws Exception {
        nodes = new ClusterNodes(3);
    }

    @AfterAll
    static void stopCluster() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void aRoomSpreadOverThreeNodesBehindHaproxyChats() throws Exception {
        try (Balancer haproxy = Balancer.haproxy("haproxy-roundrobin.cfg", nodes.placeholders())) {
            chat(haproxy.port(), "haproxy-room");
        }
    }

    @Test
    void aRoomSpreadOverThreeNodesBehindNginxChats() throws Exception {
        try (Balancer nginx = Balancer.nginx("nginx-round-robin.conf", nodes.placeholders())) {
            chat(nginx.port(), "nginx-room");
        }
    }

    private static void chat(int port, String room) throws Exception {
        List<JdkClient> members = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                members.add(JdkClient.connect(URI.create("ws://127.0.0.1:" + port + "/room?group=" + room)));
            }
            // a server's session ids start with its own random prefix: three prefixes, three nodes
            assertThat(members.stream().map(ChatThroughBalancerTest::prefixOf).distinct()).as("nodes the members reached")
                    .hasSize(3);

            members.get(0).send("room " + room + " hello from the first");
            members.get(2).send("room " + room + " hello from the third");

            for (JdkClient member : members) {
                assertThat(List.of(member.next(60), member.next(60)))
                        .containsExactlyInAnyOrder("hello from the first", "hello from the third");
            }
        } finally {
            for (JdkClient member : members) {
                member.close();
            }
        }
    }

    private static String prefixOf(JdkClient member) {
        try {
            String id = idOf(member);
            return id.substring(0, id.indexOf('-'));
        } catch (Exception e) {
            throw new AssertionError("asking for the session id", e);
        }
    }
}
