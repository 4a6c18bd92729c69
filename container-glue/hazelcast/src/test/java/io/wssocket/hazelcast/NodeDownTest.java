package io.wssocket.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.test.JdkClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node is stopped while another publishes to a group without pause: every message published
 * before, during and after reaches the group's sessions on the nodes that stay up, in order.
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
        try (JdkClient publisher = JdkClient.connect(nodes.uri(0, null));
             JdkClient onA = JdkClient.connect(nodes.uri(0, "group=live"));
             JdkClient onB = JdkClient.connect(nodes.uri(1, "group=live"));
             JdkClient onC = JdkClient.connect(nodes.uri(2, "group=live"))) {
            for (JdkClient client : List.of(publisher, onA, onB, onC)) {
                ClusterMessagingTest.idOf(client);
            }
            Counter atA = new Counter(onA.messages);
            Counter atB = new Counter(onB.messages);

            publisher.send("stream live");
            await().atMost(WAIT).until(() -> atB.drain() >= 200);
            nodes.node(2).close(); // C leaves: its sessions get 1001, its member leaves the cluster
            int atStop = atB.drain();
            await().atMost(WAIT).until(() -> atB.drain() >= atStop + 500); // published with C gone
            String sent = (String) publisher.ask("stop");
            int published = Integer.parseInt(sent.substring("sent ".length()));

            await().atMost(WAIT).until(() -> atA.drain() >= published && atB.drain() >= published);
            assertThat(published).isGreaterThan(atStop + 500);
            for (Counter survivor : List.of(atA, atB)) {
                assertThat(survivor.lost).as("messages lost or out of order").isZero();
                assertThat(survivor.received.get()).isEqualTo(published);
            }
            assertThat(onC.closed.get().code()).isEqualTo(1001);
        }
    }

    /** Checks "s:i" messages arrive as 0, 1, 2, ...; counts any gap or reordering as lost. */
    private static final class Counter {
        final BlockingQueue<Object> messages;
        final AtomicInteger received = new AtomicInteger();
        int lost;

        Counter(BlockingQueue<Object> messages) {
            this.messages = messages;
        }

        synchronized int drain() {
            List<Object> taken = new ArrayList<>();
            messages.drainTo(taken);
            for (Object message : taken) {
                int index = Integer.parseInt(((String) message).substring("s:".length()));
                if (index != received.get()) {
                    lost++;
                }
                received.incrementAndGet();
            }
            return received.get();
        }
    }
}
