package io.wssocket.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.server.ServerConfig;
import io.wssocket.server.ServerInternals;
import io.wssocket.server.WebSocketServer;
import io.wssocket.spi.ServerMetricsListener;
import io.wssocket.test.RawWebSocket;
import io.wssocket.transport.OutboundBudget;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chat attack scaled down: 100 members that never read and 5 that do, in a room that
 * broadcasts 2 KB messages, on a server whose max-outbound-bytes is 8 MiB. Each non-reader's own
 * queue limit (32 MiB) would let them hold 3 GiB together; the budget keeps the server's queued
 * bytes within 8 MiB and one message by dropping the members with the most queued (1008, the
 * reason naming the budget), while the readers get every message in order.
 */
@Timeout(120)
class OutboundBudgetTest {
    private static final int SLOW = 100;
    private static final int READERS = 5;
    /**
     * 6 MB to each member: on loopback the kernel takes up to 4 MB for a member that does not read
     * (the server's send buffer grows to tcp_wmem's maximum, 4 MiB by default), only the rest
     * queues in the heap; with 3 MB each a run could see the kernel take nearly all of it and the
     * budget never crossed.
     */
    private static final int MESSAGES = 3000;
    private static final int SIZE = 2000;
    private static final long BUDGET = 8L << 20;
    private static final ConcurrentLinkedQueue<CloseReason> closes = new ConcurrentLinkedQueue<>();
    /** What the operator's telemetry heard: each drop is a limit hit. */
    private final ConcurrentLinkedQueue<ServerMetricsListener.LimitHit> limitHits = new ConcurrentLinkedQueue<>();

    /** A chat room that records why the server closed each member. */
    public static class Room extends BroadcastToAll {
        @Override
        public void onClose(Session session, CloseReason closeReason) {
            closes.add(closeReason);
        }
    }

    @Test
    void theLargestNonReadersAreDroppedAndTheServerStaysWithinTheBudget() throws Exception {
        WebSocketServer server = WebSocketServer.create(ServerConfig.builder().host("127.0.0.1").port(0).eventLoops(2)
                .maxOutboundBytes(BUDGET).idleTimeoutMillis(0).metricsListener(new ServerMetricsListener() {
                    @Override
                    public void limitHit(LimitHit limit) {
                        limitHits.add(limit);
                    }
                }).build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(Room.class, "/room").build());
        server.start();
        List<RawWebSocket> readers = new ArrayList<>();
        List<RawWebSocket> slow = new ArrayList<>();
        try (server) {
            for (int i = 0; i < READERS; i++) {
                readers.add(RawWebSocket.open(server.port(), "/room"));
            }
            slow.addAll(PacedBroadcast.openNonReaders(server.port(), "/room", SLOW));
            PacedBroadcast.publishAndCheckEveryReader(readers, MESSAGES, SIZE);

            OutboundBudget budget = ServerInternals.outboundBudget(server);
            assertThat(budget.peak()).as("bytes queued on all connections at most")
                    .isLessThanOrEqualTo(BUDGET + SIZE + 14);
            await("non-readers dropped").atMost(Duration.ofSeconds(30))
                    .until(() -> server.connectionCount() <= READERS + SLOW / 2);
            List<CloseReason> dropped = new ArrayList<>(closes);
            assertThat(dropped).as("sessions closed by the server").isNotEmpty().allSatisfy(reason -> {
                assertThat(reason.getCloseCode().getCode()).isEqualTo(1008);
                assertThat(reason.getReasonPhrase()).contains("max-outbound-bytes");
                long queued = Long.parseLong(reason.getReasonPhrase().replaceAll("\\D*(\\d+) bytes queued.*", "$1"));
                // Only connections above their low water mark are candidates: the readers stay below it.
                assertThat(queued).isGreaterThan(16 << 10);
            });
            assertThat(limitHits).as("limit hits told to the metrics listener").hasSizeGreaterThanOrEqualTo(dropped.size())
                    .allSatisfy(hit -> {
                        assertThat(hit.limit()).isEqualTo("max-outbound-bytes");
                        assertThat(hit.code()).isEqualTo(1008);
                        assertThat(hit.path()).isEqualTo("/room");
                    });
        } finally {
            RawWebSocket.closeAll(slow);
            RawWebSocket.closeAll(readers);
        }
        await("queued bytes released").atMost(Duration.ofSeconds(10))
                .until(() -> ServerInternals.outboundBudget(server).used() == 0);
    }
}
