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
 * A drain as the clients behind a balancer live it: three clustered nodes behind the round-robin
 * file of {@code docs/deploy/}, 30 members of a room on our client container with reconnection
 * on, 10 on each node. The third node drains: the balancer takes it out of rotation and new
 * connections go to the other two; its members get 1001 and come back through the balancer on
 * the other nodes, in the room again; the members of the other nodes keep their sessions. HAProxy
 * marks the node down by its health check on {@code /health/ready} (its log says so); nginx, with
 * no active check, passes over the node whose handshakes answer 503.
 */
@Timeout(180)
class DrainThroughBalancerTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int PER_NODE = 10;
    private static final String ROOM = "drain";

    @Test
    void haproxyMarksADrainingNodeDownAndItsClientsReconnectThroughItToTheOthersWhileTheirsStay() throws Exception {
        drainNode3(Balancer::haproxy, "haproxy-roundrobin.cfg",
                haproxy -> haproxy.awaitLines("Server nodes/node3 is DOWN", 1));
    }

    @Test
    void nginxPassesOverADrainingNodeAndItsClientsReconnectThroughItToTheOthersWhileTheirsStay() throws Exception {
        drainNode3(Balancer::nginx, "nginx-round-robin.conf", nginx -> {
            // nothing to wait for: the first handshake node3 refuses with 503 takes it out (max_fails=1)
        });
    }

    /** How a test waits for the balancer to take the draining node out of rotation. */
    @FunctionalInterface
    interface OutOfRotation {
        void await(Balancer balancer) throws Exception;
    }

    private static void drainNode3(BalancerContract.Launcher launcher, String file, OutOfRotation outOfRotation)
            throws Exception {
        // The grace the shipped HAProxy files ask for (out within 3 s), a short window.
        try (ClusterNodes nodes = new ClusterNodes(3, options -> options.drainGraceMillis(5000).drainWindowMillis(2000)
                .shutdownTimeoutMillis(3000).forwardedHeaders("x-forwarded-for").trustedProxies("127.0.0.1"));
             Balancer balancer = launcher.start(file, nodes.placeholders());
             WebSocketClient client = WebSocketClient.create(ClientConfig.defaults().clientReconnect(true).build())) {
            String drained = nodes.node(2).cluster().nodeId();
            List<RoomMember> members = new ArrayList<>();
            for (int i = 0; i < 3 * PER_NODE; i++) {
                members.add(RoomMember.join(client, balancer.port(), ROOM));
            }
            await("members in the room").atMost(WAIT).until(() -> members.stream().allMatch(RoomMember::inRoom));
            Map<String, List<RoomMember>> byNode = members.stream().collect(Collectors.groupingBy(m -> m.current().node()));
            assertThat(byNode).as("round-robin over three nodes").hasSize(3)
                    .allSatisfy((node, on) -> assertThat(on).hasSize(PER_NODE));
            Map<RoomMember, RoomMember.Stay> before = members.stream()
                    .collect(Collectors.toMap(Function.identity(), RoomMember::current));

            CompletableFuture<Void> stopped = nodes.node(2).drain();

            outOfRotation.await(balancer);
            List<RoomMember> newcomers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                newcomers.add(RoomMember.join(client, balancer.port(), ROOM));
            }
            await("newcomers in the room").atMost(WAIT).until(() -> newcomers.stream().allMatch(RoomMember::inRoom));
            assertThat(newcomers).as("nodes of the connections opened while node3 drains")
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
