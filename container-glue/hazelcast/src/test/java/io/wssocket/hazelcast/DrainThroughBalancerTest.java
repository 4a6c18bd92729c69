package io.wssocket.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.client.ClientConfig;
import io.wssocket.client.WebSocketClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A drain as the clients behind HAProxy live it: three clustered nodes behind
 * {@code docs/deploy/haproxy-roundrobin.cfg} (its health check on {@code /health/ready}), 30
 * members of a room on our client container with reconnection on, 10 on each node. The third
 * node drains: HAProxy marks it down and new connections go to the other two; its members get
 * 1001 and come back through HAProxy on the other nodes, in the room again; the members of the
 * other nodes keep their sessions.
 */
@Timeout(180)
class DrainThroughBalancerTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PER_NODE = 10;
    private static final String ROOM = "drain";

    @Test
    void aDrainingNodeIsMarkedDownAndItsClientsReconnectThroughTheBalancerToTheOthersWhileTheirsStay() throws Exception {
        // The grace the shipped file's comment asks for (two failed probes 2 s apart), a short window.
        try (ClusterNodes nodes = new ClusterNodes(3, options -> options.drainGraceMillis(5000).drainWindowMillis(2000)
                .shutdownTimeoutMillis(3000).forwardedHeaders("x-forwarded-for").trustedProxies("127.0.0.1"));
             Balancer haproxy = Balancer.haproxy("haproxy-roundrobin.cfg", nodes.placeholders());
             WebSocketClient client = WebSocketClient.create(ClientConfig.defaults().clientReconnect(true).build())) {
            String drained = nodes.node(2).cluster().nodeId();
            List<RoomMember> members = new ArrayList<>();
            for (int i = 0; i < 3 * PER_NODE; i++) {
                members.add(RoomMember.join(client, haproxy.port(), ROOM));
            }
            await("members in the room").atMost(WAIT).until(() -> members.stream().allMatch(RoomMember::inRoom));
            Map<String, List<RoomMember>> byNode = members.stream().collect(Collectors.groupingBy(m -> m.current().node()));
            assertThat(byNode).as("round-robin over three nodes").hasSize(3)
                    .allSatisfy((node, on) -> assertThat(on).hasSize(PER_NODE));
            Map<RoomMember, RoomMember.Stay> before = members.stream()
                    .collect(Collectors.toMap(Function.identity(), RoomMember::current));

            CompletableFuture<Void> stopped = nodes.node(2).drain();

            haproxy.awaitLines("Server nodes/node3 is DOWN", 1);
            List<RoomMember> newcomers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                newcomers.add(RoomMember.join(client, haproxy.port(), ROOM));
            }
            await("newcomers in the room").atMost(WAIT).until(() -> newcomers.stream().allMatch(RoomMember::inRoom));
            assertThat(newcomers).as("nodes of the connections opened once node3 was marked down")
                    .extracting(m -> m.current().node()).doesNotContain(drained);

            stopped.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            List<RoomMember> moved = byNode.get(drained);
            await("the drained node's members back in the room").atMost(WAIT)
                    .until(() -> moved.stream().allMatch(m -> m.stays().size() == 2 && m.inRoom()));
            for (RoomMember member : moved) {
                assertThat(member.stays().get(0).closeCode()).as("how the drained node closed").isEqualTo(1001);
                assertThat(member.current().node()).as("where it reconnected").isNotEqualTo(drained);
            }
            for (RoomMember member : members) {
                if (!moved.contains(member)) {
                    assertThat(member.stays()).as("a member of a node that stayed").containsExactly(before.get(member));
                    assertThat(member.current().isOpen()).isTrue();
                }
            }

            // Still one room across the two nodes left: everyone gets what a newcomer says.
            newcomers.get(0).send("room " + ROOM + " after the drain");
            for (RoomMember member : concat(members, newcomers)) {
                assertThat(member.chat.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("after the drain");
            }
        }
    }

    private static List<RoomMember> concat(List<RoomMember> a, List<RoomMember> b) {
        List<RoomMember> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
