package io.wssocket.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import io.wssocket.test.RawWebSocket;
import io.wssocket.transport.WriteQueueFullException;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Producers send 64 MiB in 64 KiB messages (far more than the sockets' buffers hold) to a peer
 * that reads nothing for a while, through a 256 KiB outbound queue: what happens then is the
 * send-queue-policy.
 */
@Timeout(60)
class SendQueuePolicyTest {
    private static final int SIZE = 64 << 10;
    private static final int SENDERS = 8;
    private static final int PER_SENDER = 128;

    /** On "blocking": 8 threads send with the basic remote; on "async": one loop with the async remote. */
    public static class Producer extends Endpoint {
        static volatile CompletableFuture<Object> outcome;
        static volatile CompletableFuture<CloseReason> closed;
        static final AtomicInteger sent = new AtomicInteger();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, mode -> {
                if (mode.equals("blocking")) {
                    sendBlockingFromManyThreads(session);
                } else {
                    sendAsync(session);
                }
            });
        }

        private static ByteBuffer message(int sender, int sequence) {
            ByteBuffer message = ByteBuffer.allocate(SIZE);
            message.putInt(0, sender).putInt(4, sequence);
            return message;
        }

        private static void sendBlockingFromManyThreads(Session session) {
            List<CompletableFuture<Void>> senders = new ArrayList<>();
            java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(SENDERS);
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                senders.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < PER_SENDER; i++) {
                        try {
                            session.getBasicRemote().sendBinary(message(sender, i));
                            sent.incrementAndGet();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }, threads));
            }
            threads.shutdown();
            CompletableFuture.allOf(senders.toArray(new CompletableFuture<?>[0]))
                    .whenComplete((v, e) -> outcome.complete(e == null ? "all sent" : e.getCause()));
        }

        private static void sendAsync(Session session) {
            List<Future<Void>> futures = new ArrayList<>();
            for (int i = 0; i < SENDERS * PER_SENDER && session.isOpen(); i++) {
                futures.add(session.getAsyncRemote().sendBinary(message(0, i)));
            }
            // The first refusal is synchronous: past the limit a future fails at once, before any is written.
            for (Future<Void> future : futures) {
                if (future.isDone()) {
                    try {
                        future.get();
                    } catch (ExecutionException e) {
                        outcome.complete(e.getCause());
                        return;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        outcome.complete(e);
                        return;
                    }
                }
            }
            outcome.complete("all queued");
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closed.complete(reason);
        }
    }

    private static WebSocketServer serverWith(io.wssocket.client.SendQueuePolicy policy) throws IOException, jakarta.websocket.DeploymentException {
        Producer.outcome = new CompletableFuture<>();
        Producer.closed = new CompletableFuture<>();
        Producer.sent.set(0);
        WebSocketServer server = WebSocketServer.create(ServerConfig.builder().host("127.0.0.1").port(0)
                .writeLowWaterMark(64 << 10).writeHighWaterMark(128 << 10).maxQueuedBytes(256 << 10)
                .sendQueuePolicy(policy).sendTimeoutMillis(20_000).build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(Producer.class, "/produce").build());
        server.start();
        return server;
    }

    @Test
    void blockHoldsConcurrentBlockingSendersAtThePeersPaceAndLosesNothing() throws Exception {
        try (WebSocketServer server = serverWith(io.wssocket.client.SendQueuePolicy.BLOCK);
             RawWebSocket peer = RawWebSocket.open(server.port(), "/produce")) {
            peer.sendText("blocking");
            Thread.sleep(500); // not reading: the senders must be held back, not failed
            assertThat(Producer.outcome).isNotDone();
            int[] next = new int[SENDERS];
            for (int i = 0; i < SENDERS * PER_SENDER; i++) {
                RawWebSocket.Frame frame = peer.readFrame();
                assertThat(frame.payload()).hasSize(SIZE);
                ByteBuffer payload = ByteBuffer.wrap(frame.payload());
                int sender = payload.getInt(0);
                assertThat(payload.getInt(4)).as("order of sender %d's messages", sender).isEqualTo(next[sender]++);
            }
            assertThat(Producer.outcome.get(10, TimeUnit.SECONDS)).isEqualTo("all sent");
        }
    }

    @Test
    void failRefusesTheAsyncSendPastTheLimitAndKeepsTheSession() throws Exception {
        try (WebSocketServer server = serverWith(io.wssocket.client.SendQueuePolicy.FAIL);
             RawWebSocket peer = RawWebSocket.open(server.port(), "/produce")) {
            peer.sendText("async");
            assertThat(Producer.outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(WriteQueueFullException.class);
            assertThat(Producer.closed).isNotDone();
        }
    }

    @Test
    void closeDropsTheUnreadingPeerReportingPolicyViolation() throws Exception {
        try (WebSocketServer server = serverWith(io.wssocket.client.SendQueuePolicy.CLOSE);
             RawWebSocket peer = RawWebSocket.open(server.port(), "/produce")) {
            peer.sendText("async");
            CloseReason reason = Producer.closed.get(10, TimeUnit.SECONDS);
            assertThat(reason.getCloseCode()).isEqualTo(CloseReason.CloseCodes.VIOLATED_POLICY);
            assertThat(reason.getReasonPhrase()).startsWith("slow consumer");
            peer.awaitDisconnect(Duration.ofSeconds(10));
        }
    }
}
