package io.wssocket.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.multimap.MultiMap;
import io.wssocket.cluster.Cluster;
import io.wssocket.cluster.PresenceEvent;
import io.wssocket.server.WebSocketServer;
import io.wssocket.test.JdkClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nodes that join as Hazelcast clients (option cluster-client) next to two member nodes: one that
 * vanishes without leaving (its Hazelcast client terminated, as when its process is killed) has
 * its sessions removed from presence on the other nodes, with leave events, once its lease
 * expires, while a client node that stays keeps its presence; a client node whose lease expired
 * and whose presence was removed while it lived records its presence again.
 */
class ClusterClientNodeDownTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long LEASE_MILLIS = 3_000;
    private ClusterNodes members;
    private WebSocketServer vanishing;
    private WebSocketServer staying;

    @BeforeEach
    void start() throws Exception {
        members = new ClusterNodes(2);
        vanishing = members.startClientNode(LEASE_MILLIS);
        staying = members.startClientNode(LEASE_MILLIS);
    }

    @AfterEach
    void stop() {
        for (AutoCloseable node : new AutoCloseable[] {vanishing, staying, members}) {
            try {
                if (node != null) {
                    node.close();
                }
            } catch (Exception e) {
                // the vanished node's transport cannot leave: nothing more to do
            }
        }
    }

    @Test
    void aClientNodeKilledWithoutLeavingLeavesPresenceOnEveryOtherNodeWithLeaveEvents() throws Exception {
        List<PresenceEvent> seenOnMember = new CopyOnWriteArrayList<>();
        try (Cluster.Subscription subscription = members.node(1).cluster().onPresence(seenOnMember::add);
             JdkClient onVanishing = JdkClient.connect(ClusterNodes.uri(vanishing, "group=lobby"));
             JdkClient onStaying = JdkClient.connect(ClusterNodes.uri(staying, "group=lobby"));
             JdkClient onMember = JdkClient.connect(members.uri(0, "group=lobby"))) {
            String gone = ClusterMessagingTest.idOf(onVanishing);
            String stays = ClusterMessagingTest.idOf(onStaying);
            String member = ClusterMessagingTest.idOf(onMember);
            for (Cluster cluster : List.of(members.node(0).cluster(), members.node(1).cluster(), staying.cluster())) {
                await().atMost(WAIT).untilAsserted(
                        () -> assertThat(cluster.groupMembers("lobby")).containsExactlyInAnyOrder(gone, stays, member));
            }

            hazelcastClientOf(vanishing).getLifecycleService().terminate();

            for (Cluster cluster : List.of(members.node(0).cluster(), members.node(1).cluster(), staying.cluster())) {
                await().atMost(WAIT).untilAsserted(() -> {
                    assertThat(cluster.groupMembers("lobby")).containsExactlyInAnyOrder(stays, member);
                    assertThat(cluster.sessions("/room")).doesNotContain(gone).contains(stays, member);
                });
            }
            await().atMost(WAIT).untilAsserted(() -> assertThat(seenOnMember).contains(
                    new PresenceEvent(PresenceEvent.Scope.GROUP, "lobby", gone, false),
                    new PresenceEvent(PresenceEvent.Scope.PATH, "/room", gone, false)));
            assertThat(seenOnMember).noneMatch(e -> !e.joined() && !e.sessionId().equals(gone));
        }
    }

    @Test
    void aClientNodeWhosePresenceWasRemovedWithItsLeaseWhileItLivedRecordsItAgain() throws Exception {
        try (JdkClient onStaying = JdkClient.connect(ClusterNodes.uri(staying, "group=lobby"))) {
            String stays = ClusterMessagingTest.idOf(onStaying);
            Cluster memberCluster = members.node(0).cluster();
            await().atMost(WAIT).untilAsserted(() -> assertThat(memberCluster.groupMembers("lobby")).containsExactly(stays));
            List<PresenceEvent> seen = new CopyOnWriteArrayList<>();
            try (Cluster.Subscription subscription = memberCluster.onPresence(seen::add)) {
                // As if the node had been cut off past its lease: its lease gone, and its presence
                // removed by the others.
                HazelcastInstance member = hazelcastMember(0);
                String node = staying.cluster().nodeId();
                member.getMap(HazelcastTransport.LEASES).delete(node);
                MultiMap<String, String> byNode = member.getMultiMap(HazelcastTransport.PRESENCE_BY_NODE);
                MultiMap<String, String> presence = member.getMultiMap(HazelcastTransport.PRESENCE);
                for (String entry : byNode.get(node)) {
                    String scope = entry.substring(0, entry.lastIndexOf('\n'));
                    presence.remove(scope, HazelcastTransport.tagged(node, HazelcastTransport.sessionOf(entry)));
                }
                byNode.remove(node);

                await().atMost(WAIT).untilAsserted(() -> assertThat(seen).contains(
                        new PresenceEvent(PresenceEvent.Scope.GROUP, "lobby", stays, false),
                        new PresenceEvent(PresenceEvent.Scope.GROUP, "lobby", stays, true)));
                await().atMost(WAIT).untilAsserted(() -> {
                    assertThat(memberCluster.groupMembers("lobby")).containsExactly(stays);
                    assertThat(memberCluster.sessions("/room")).containsExactly(stays);
                });
            }
        }
    }

    private static HazelcastInstance hazelcastClientOf(WebSocketServer node) {
        return HazelcastClient.getHazelcastClientByName(
                HazelcastTransportProvider.instanceName(UUID.fromString(node.cluster().nodeId())));
    }

    private HazelcastInstance hazelcastMember(int index) {
        return ClusterNodes.memberOf(members.node(index));
    }
}
