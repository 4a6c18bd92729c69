package io.wssocket.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import io.wssocket.cluster.Cluster;
import io.wssocket.cluster.PresenceEvent;
import io.wssocket.test.JdkClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What applications get from a cluster of three WS Socket nodes in this JVM (one Hazelcast member
 * each, shared by the tests): a group or path broadcast from one node reaches the sessions of
 * the others, a message to a session id reaches it on its node, presence converges with join and
 * leave events, and one sender's messages arrive in the order sent.
 */
class ClusterMessagingTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ClusterNodes nodes;

    @BeforeAll
    static void startThreeNodes() throws Exception {
        nodes = new ClusterNodes(3);
    }

    @AfterAll
    static void stopNodes() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void aBroadcastToARoomFromNodeAReachesItsMembersOnNodesBAndC() throws Exception {
        try (JdkClient a = JdkClient.connect(nodes.uri(0, "group=room1"));
             JdkClient b = JdkClient.connect(nodes.uri(1, "group=room1"));
             JdkClient c = JdkClient.connect(nodes.uri(2, "group=room1"));
             JdkClient outsider = JdkClient.connect(nodes.uri(1, "group=room2"))) {
            List<String> ids = List.of(idOf(a), idOf(b), idOf(c), idOf(outsider));
            assertThat(ids).doesNotHaveDuplicates();

            a.send("room room1 hello from A");

            assertThat(b.next(60)).isEqualTo("hello from A");
            assertThat(c.next(60)).isEqualTo("hello from A");
            assertThat(a.next(60)).isEqualTo("hello from A");
            outsider.send("id"); // answered after anything the broadcast would have brought it
            assertThat(outsider.next(60)).isEqualTo(ids.get(3));
        }
    }

    @Test
    void aPathBroadcastReachesEverySessionOfTheEndpointOnEveryNode() throws Exception {
        try (JdkClient a = JdkClient.connect(nodes.uri(0, null));
             JdkClient b = JdkClient.connect(nodes.uri(1, null));
             JdkClient c = JdkClient.connect(nodes.uri(2, null))) {
            idOf(a);
            idOf(b);
            idOf(c);

            c.send("all to everyone");

            for (JdkClient client : List.of(a, b, c)) {
                assertThat(client.next(60)).isEqualTo("to everyone");
            }
        }
    }

    @Test
    void aMessageToASessionIdReachesThatSessionOnItsNodeOnly() throws Exception {
        try (JdkClient a = JdkClient.connect(nodes.uri(0, null));
             JdkClient c = JdkClient.connect(nodes.uri(2, null));
             JdkClient other = JdkClient.connect(nodes.uri(2, null))) {
            String idOfC = idOf(c);
            String idOfOther = idOf(other);

            a.send("to " + idOfC + " just for you");

            assertThat(c.next(60)).isEqualTo("just for you");
            other.send("id");
            assertThat(other.next(60)).isEqualTo(idOfOther);
        }
    }

    @Test
    void presenceCountsConvergeOnEveryNodeAndJoinAndLeaveEventsFire() throws Exception {
        List<PresenceEvent> seenOnC = new CopyOnWriteArrayList<>();
        try (Cluster.Subscription subscription = nodes.node(2).cluster().onPresence(seenOnC::add)) {
            String idOnA;
            String idOnB;
            try (JdkClient a = JdkClient.connect(nodes.uri(0, "group=lobby"));
                 JdkClient b = JdkClient.connect(nodes.uri(1, "group=lobby"))) {
                idOnA = idOf(a);
                idOnB = idOf(b);
                for (int node = 0; node < 3; node++) {
                    Cluster cluster = nodes.node(node).cluster();
                    await().atMost(WAIT).untilAsserted(() -> {
                        assertThat(cluster.groupMembers("lobby")).containsExactlyInAnyOrder(idOnA, idOnB);
                        assertThat(cluster.sessions("/room")).contains(idOnA, idOnB);
                    });
                }
                await().atMost(WAIT).untilAsserted(() -> assertThat(seenOnC).contains(
                        new PresenceEvent(PresenceEvent.Scope.GROUP, "lobby", idOnA, true),
                        new PresenceEvent(PresenceEvent.Scope.GROUP, "lobby", idOnB, true),
                        new PresenceEvent(PresenceEvent.Scope.PATH, "/room", idOnA, true)));
            }
            for (int node = 0; node < 3; node++) {
                Cluster cluster = nodes.node(node).cluster();
                await().atMost(WAIT).untilAsserted(() -> {
                    assertThat(cluster.groupMembers("lobby")).isEmpty();
                    assertThat(cluster.sessions("/room")).doesNotContain(idOnA, idOnB);
                });
            }
            await().atMost(WAIT).untilAsserted(() -> assertThat(seenOnC).contains(
                    new PresenceEvent(PresenceEvent.Scope.GROUP, "lobby", idOnA, false),
                    new PresenceEvent(PresenceEvent.Scope.GROUP, "lobby", idOnB, false),
                    new PresenceEvent(PresenceEvent.Scope.PATH, "/room", idOnB, false)));
        }
    }

    @Test
    void eachSendersThousandMessagesArriveInOrderWhileTwoSendersInterleave() throws Exception {
        int count = 1000;
        try (JdkClient senderOnA = JdkClient.connect(nodes.uri(0, null));
             JdkClient senderOnB = JdkClient.connect(nodes.uri(1, null));
             JdkClient receiverOnC = JdkClient.connect(nodes.uri(2, "group=ordered"));
             JdkClient receiverOnB = JdkClient.connect(nodes.uri(1, "group=ordered"))) {
            String a = idOf(senderOnA);
            String b = idOf(senderOnB);
            idOf(receiverOnC);
            idOf(receiverOnB);

            senderOnA.send("seq ordered " + count);
            senderOnB.send("seq ordered " + count);

            for (JdkClient receiver : List.of(receiverOnC, receiverOnB)) {
                List<String> received = new ArrayList<>();
                for (int i = 0; i < 2 * count; i++) {
                    received.add((String) receiver.next(60));
                }
                assertThat(received.stream().filter(m -> m.startsWith(a + ":")).toList()).isEqualTo(sequence(a, count));
                assertThat(received.stream().filter(m -> m.startsWith(b + ":")).toList()).isEqualTo(sequence(b, count));
            }
        }
    }

    /**
     * A write retried after its member died stores the message again (done here by writing the
     * stored bytes once more): every node delivers it once.
     */
    @Test
    void aMessageTheRingBufferHoldsTwiceReachesEachSessionOnce() throws Exception {
        HazelcastInstance member = Hazelcast.getAllHazelcastInstances().stream()
                .filter(instance -> instance.getConfig().getClusterName().equals(nodes.name))
                .findFirst().orElseThrow();
        ITopic<byte[]> topic = member.getReliableTopic(HazelcastTransportProvider.TOPIC);
        BlockingQueue<byte[]> stored = new LinkedBlockingQueue<>();
        UUID tap = topic.addMessageListener(message -> stored.add(message.getMessageObject()));
        try (JdkClient sender = JdkClient.connect(nodes.uri(0, null));
             JdkClient onB = JdkClient.connect(nodes.uri(1, "group=twice"));
             JdkClient onC = JdkClient.connect(nodes.uri(2, "group=twice"))) {
            idOf(sender);
            idOf(onB);
            idOf(onC);

            sender.send("room twice first");
            byte[] first = stored.poll(60, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            topic.publish(first);
            topic.publish(first);
            sender.send("room twice second");

            for (JdkClient receiver : List.of(onB, onC)) {
                assertThat(receiver.next(60)).isEqualTo("first");
                assertThat(receiver.next(60)).as("the repeats were dropped").isEqualTo("second");
            }
        } finally {
            topic.removeMessageListener(tap);
        }
    }

    static List<String> sequence(String prefix, int count) {
        List<String> expected = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            expected.add(prefix + ":" + i);
        }
        return expected;
    }

    /** The session's id, asked after its onOpen (and so its group join) has run. */
    static String idOf(JdkClient client) throws Exception {
        return (String) client.ask("id");
    }
}
