package io.wssocket.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.server.WebSocketServer;
import io.wssocket.client.SendQueuePolicy;
import io.wssocket.server.ServerConfig;
import io.wssocket.test.RawWebSocket;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 1,000 clients that never read while the server broadcasts 200 messages of 8 KiB to everyone
 * with the async remote: the readers get every message in order, the server's heap stays within
 * what the outbound queue limit allows per connection, and with send-queue-policy close the
 * non-readers are dropped once a send finds their queue (and the kernel's buffer) full.
 */
@Timeout(120)
class SlowConsumersTest {
    private static final int SLOW = 1_000;
    private static final int READERS = 5;
    private static final int MESSAGES = 200;
    private static final int SIZE = 8 << 10;
    private static final int QUEUE_LIMIT = 64 << 10;

    private static WebSocketServer start(SendQueuePolicy policy) throws Exception {
        WebSocketServer server = WebSocketServer.create(ServerConfig.builder().host("127.0.0.1").port(0)
                .writeLowWaterMark(16 << 10).writeHighWaterMark(32 << 10).maxQueuedBytes(QUEUE_LIMIT)
                .sendQueuePolicy(policy).idleTimeoutMillis(0).build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(BroadcastToAll.class, "/all").build());
        server.start();
        return server;
    }

    /** Enough bytes to fill the largest send buffer Linux grows to by default (4 MiB) twice over. */
    private static final int MAX_MESSAGES = 5 * MESSAGES;

    /** Whether the drops the last messages caused have all happened, waiting for them a little. */
    private static boolean allNonReadersDropped(WebSocketServer server) {
        try {
            await("non-readers dropped").atMost(Duration.ofSeconds(5))
                    .until(() -> server.connectionCount() == READERS);
            return true;
        } catch (ConditionTimeoutException stillOpen) {
            return false;
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void readersGetEveryMessageWhileNonReadersOnlyCostTheirQueueLimit() throws Exception {
        try (WebSocketServer server = start(SendQueuePolicy.BLOCK)) {
            List<RawWebSocket> readers = new ArrayList<>();
            List<RawWebSocket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < READERS; i++) {
                    readers.add(RawWebSocket.open(server.port(), "/all"));
                }
                long heapBefore = usedHeapAfterGc();
                slow.addAll(PacedBroadcast.openNonReaders(server.port(), "/all", SLOW));
                PacedBroadcast.publishAndCheckEveryReader(readers, MESSAGES, SIZE);
                long grown = usedHeapAfterGc() - heapBefore;
                // What may stay: each non-reader's queue (at most the limit), its session and connection
                // (a few KiB), and what the last collection left; unbounded queues would hold 1.6 MiB each.
                assertThat(grown).as("heap grown while %d non-readers hold queued messages", SLOW)
                        .isLessThan((long) SLOW * (QUEUE_LIMIT + (32 << 10)));
                assertThat(server.connectionCount()).as("non-readers are kept under 'block'").isEqualTo(SLOW + READERS);
            } finally {
                RawWebSocket.closeAll(slow);
                RawWebSocket.closeAll(readers);
            }
        }
    }

    @Test
    void underTheClosePolicyNonReadersAreDroppedAndReadersMissNothing() throws Exception {
        try (WebSocketServer server = start(SendQueuePolicy.CLOSE)) {
            List<RawWebSocket> readers = new ArrayList<>();
            List<RawWebSocket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < READERS; i++) {
                    readers.add(RawWebSocket.open(server.port(), "/all"));
                }
                slow.addAll(PacedBroadcast.openNonReaders(server.port(), "/all", SLOW));
                // A peer is dropped when a send to it finds its queue full, that is once the
                // kernel's send buffer for it is full too. Linux grows that buffer by itself (1.1 MB
                // per non-reader seen here, up to tcp_wmem's 4 MiB), so the room keeps talking
                // until every non-reader has been refused a send, and the readers miss nothing.
                int published = 0;
                while (!allNonReadersDropped(server) && published < MAX_MESSAGES) {
                    PacedBroadcast.publishAndCheckEveryReader(readers, published, MESSAGES, SIZE);
                    published += MESSAGES;
                }
                assertThat(server.connectionCount())
                        .as("connections left after %d messages of %d bytes to every session", published, SIZE)
                        .isEqualTo(READERS);
            } finally {
                RawWebSocket.closeAll(slow);
                RawWebSocket.closeAll(readers);
            }
        }
    }
}
