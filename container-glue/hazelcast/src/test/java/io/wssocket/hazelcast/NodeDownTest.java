package io.wssocket.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import io.wssocket.test.JdkClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node goes while another publishes to a group without pause: every message published before,
 * during and after reaches the group's sessions on the nodes that stay up, in order (0 lost). The
 * node that goes is the one holding the messages' ring buffer, so the others take it over
 * mid-stream. Each test has three nodes of its own, since it ends one.
 */
class NodeDownTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private ClusterNodes nodes;

    @AfterEach
    void stopNodes() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void messagesPublishedWhileANodeStopsReachEverySessionOnTheSurvivors() throws Exception {
        nodes = new ClusterNodes(3);
        int gone = nodeHoldingTheMessages();
        // It leaves: its sessions get 1001, its member leaves the cluster after handing its partitions over
        streamWhileNodeGoes(gone, () -> nodes.node(gone).close(), 1001);
    }

    /**
     * The member holding the messages' ring buffer dies without a word (its process killed, as far
     * as the cluster can tell): the others notice the lost connection, promote the backup, and the
     * publisher's pending write is retried there; its WebSocket server is stopped afterwards.
     */
    @Test
    void messagesPublishedWhileANodesMemberDiesAbruptlyReachEverySessionOnTheSurvivors() throws Exception {
        nodes = new ClusterNodes(3);
        int gone = nodeHoldingTheMessages();
        HazelcastInstance member = memberOf(gone);
        streamWhileNodeGoes(gone, () -> {
            member.getLifecycleService().terminate();
            nodes.node(gone).close();
        }, 1001);
    }

    /**
     * The node whose member owns the partition of the messages' ring buffer, once every partition
     * has its backup (the guarantee is for one member lost from a safe cluster): the node whose
     * loss makes the others take the messages over mid-stream.
     */
    private int nodeHoldingTheMessages() {
        HazelcastInstance any = memberOf(0);
        await().atMost(WAIT).until(() -> nodeIndexes().allMatch(i -> memberOf(i).getPartitionService().isClusterSafe()));
        int ownerPort = any.getPartitionService().getPartition("_hz_rb_" + HazelcastTransportProvider.TOPIC)
                .getOwner().getAddress().getPort();
        return nodeIndexes().filter(i -> nodes.clusterPort(i) == ownerPort).findFirst().orElseThrow();
    }

    private IntStream nodeIndexes() {
        return IntStream.range(0, 3);
    }

    private HazelcastInstance memberOf(int index) {
        return ClusterNodes.memberOf(nodes.node(index));
    }

    private void streamWhileNodeGoes(int gone, Runnable stop, int closeCodeAtGone) throws Exception {
        int[] staying = nodeIndexes().filter(i -> i != gone).toArray();
        try (JdkClient publisher = JdkClient.connect(nodes.uri(staying[0], null));
             JdkClient onA = JdkClient.connect(nodes.uri(staying[0], "group=live"));
             JdkClient onB = JdkClient.connect(nodes.uri(staying[1], "group=live"));
             JdkClient onGone = JdkClient.connect(nodes.uri(gone, "group=live"))) {
            for (JdkClient client : List.of(publisher, onA, onB, onGone)) {
                ClusterMessagingTest.idOf(client);
            }
            Counter atA = new Counter(onA.messages);
            Counter atB = new Counter(onB.messages);

            publisher.send("stream live");
            await().atMost(WAIT).until(() -> atB.drain() >= 200);
            stop.run();
            int atStop = atB.drain();
            await().atMost(WAIT).until(() -> atB.drain() >= atStop + 500); // published with the node gone
            String sent = (String) publisher.ask("stop");
            int published = Integer.parseInt(sent.substring("sent ".length()));

            await().atMost(WAIT).until(() -> atA.drain() >= published && atB.drain() >= published);
            assertThat(published).isGreaterThan(atStop + 500);
            for (Counter survivor : List.of(atA, atB)) {
                assertThat(survivor.lost).as("messages lost (stopped at %d); first fault: %s", atStop,
                        survivor.firstFault).isZero();
                assertThat(survivor.repeatedOrLate).as("messages repeated or out of order; first fault: %s",
                        survivor.firstFault).isZero();
                assertThat(survivor.next).isEqualTo(published);
            }
            assertThat(onGone.closed.get().code()).isEqualTo(closeCodeAtGone);
        }
    }

    /**
     * Checks "s:i" messages arrive as 0, 1, 2, ...: a number past the next one expected skips
     * (loses) those between; one before it is a repeat or out of order.
     */
    private static final class Counter {
        final BlockingQueue<Object> messages;
        /** The next number expected: how many arrived in order, counting the skipped as arrived. */
        int next;
        int lost;
        int repeatedOrLate;
        String firstFault;

        Counter(BlockingQueue<Object> messages) {
            this.messages = messages;
        }

        synchronized int drain() {
            List<Object> taken = new ArrayList<>();
            messages.drainTo(taken);
            for (Object message : taken) {
                int index = Integer.parseInt(((String) message).substring("s:".length()));
                if (index != next && firstFault == null) {
                    firstFault = "s:" + index + " came when s:" + next + " was expected";
                }
                if (index < next) {
                    repeatedOrLate++;
                } else {
                    lost += index - next;
                    next = index + 1;
                }
            }
            return next;
        }
    }
}
