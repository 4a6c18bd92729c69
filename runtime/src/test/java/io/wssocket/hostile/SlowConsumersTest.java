package io.wssocket.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.server.WebSocketServer;
import io.wssocket.session.SendQueuePolicy;
import io.wssocket.server.ServerConfig;
import io.wssocket.test.RawWebSocket;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 1,000 clients that never read while the server broadcasts 200 messages of 8 KiB to everyone
 * with the async remote: the readers get every message in order, the server's heap stays within
 * what the outbound queue limit allows per connection, and with send-queue-policy close the
 * non-readers are dropped.
 */
@Timeout(120)
class SlowConsumersTest {
    private static final int SLOW = 1_000;
    private static final int READERS = 5;
    private static final int MESSAGES = 200;
    private static final int SIZE = 8 << 10;
    private static final int QUEUE_LIMIT = 64 << 10;

    /** Sends every text message it gets to every open session of the endpoint, with the async remote. */
    public static class Broadcast extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, message -> {
                for (Session each : session.getOpenSessions()) {
                    each.getAsyncRemote().sendText(message); // a full queue fails this send only
                }
            });
        }
    }

    private static WebSocketServer start(SendQueuePolicy policy) throws Exception {
        WebSocketServer server = WebSocketServer.create(ServerConfig.builder().host("127.0.0.1").port(0)
                .writeLowWaterMark(16 << 10).writeHighWaterMark(32 << 10).maxQueuedBytes(QUEUE_LIMIT)
                .sendQueuePolicy(policy).idleTimeoutMillis(0).build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(Broadcast.class, "/all").build());
        server.start();
        return server;
    }

    /** Opens the non-readers: 4 KiB receive windows, handshake done, never read again. */
    private static List<RawWebSocket> openSlow(int port) throws Exception {
        List<RawWebSocket> slow = new ArrayList<>(SLOW);
        for (int i = 0; i < SLOW; i++) {
            RawWebSocket ws = RawWebSocket.connectWithReceiveBuffer(port, 4096);
            slow.add(ws);
            ws.handshake("/all");
        }
        return slow;
    }

    /**
     * Messages the publisher lets the slowest reader fall behind by: their bytes (32 KiB) stay under
     * the queue limit, so a reader that reads as fast as the machine lets it never loses one to a
     * full queue (the async sends to it would fail, as they must); what is tested is that the
     * non-readers' full queues do not hold the readers back.
     */
    private static final int PUBLISH_AHEAD = 4;

    /** Each reader reads on its own thread, as a real client would, while the publisher sends. */
    private static void broadcastAndCheckEveryReader(List<RawWebSocket> readers) throws Exception {
        ExecutorService readerThreads = Executors.newFixedThreadPool(readers.size());
        AtomicIntegerArray progress = new AtomicIntegerArray(readers.size());
        try {
            List<Future<Integer>> received = new ArrayList<>();
            for (int r = 0; r < readers.size(); r++) {
                RawWebSocket reader = readers.get(r);
                int index = r;
                received.add(readerThreads.submit(() -> {
                    for (int i = 0; i < MESSAGES; i++) {
                        String text = reader.readFrame().text();
                        assertThat(text).as("message %d to a reader", i).startsWith(String.format("%07d ", i)).hasSize(SIZE);
                        progress.set(index, i + 1);
                    }
                    return MESSAGES;
                }));
            }
            String padding = "x".repeat(SIZE - 8);
            for (int i = 0; i < MESSAGES; i++) {
                int sent = i;
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1))
                        .until(() -> slowest(progress) >= sent - PUBLISH_AHEAD);
                readers.get(0).sendText(String.format("%07d ", i) + padding);
            }
            for (Future<Integer> reader : received) {
                assertThat(reader.get(60, TimeUnit.SECONDS)).isEqualTo(MESSAGES);
            }
        } finally {
            readerThreads.shutdownNow();
        }
    }

    private static int slowest(AtomicIntegerArray progress) {
        int min = Integer.MAX_VALUE;
        for (int i = 0; i < progress.length(); i++) {
            min = Math.min(min, progress.get(i));
        }
        return min;
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void closeAll(List<RawWebSocket> sockets) {
        for (RawWebSocket ws : sockets) {
            try {
                ws.close();
            } catch (Exception ignored) {
                // closing is best effort here
            }
        }
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
                slow.addAll(openSlow(server.port()));
                broadcastAndCheckEveryReader(readers);
                long grown = usedHeapAfterGc() - heapBefore;
                // What may stay: each non-reader's queue (at most the limit), its session and connection
                // (a few KiB), and what the last collection left; unbounded queues would hold 1.6 MiB each.
                assertThat(grown).as("heap grown while %d non-readers hold queued messages", SLOW)
                        .isLessThan((long) SLOW * (QUEUE_LIMIT + (32 << 10)));
                assertThat(server.connectionCount()).as("non-readers are kept under 'block'").isEqualTo(SLOW + READERS);
            } finally {
                closeAll(slow);
                closeAll(readers);
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
                slow.addAll(openSlow(server.port()));
                broadcastAndCheckEveryReader(readers);
                await("non-readers dropped").atMost(Duration.ofSeconds(30))
                        .until(() -> server.connectionCount() == READERS);
            } finally {
                closeAll(slow);
                closeAll(readers);
            }
        }
    }
}
