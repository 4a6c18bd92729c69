package io.wssocket.hostile;

import io.wssocket.server.ServerInternals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.session.InboundBudget;
import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client sends many 1 MiB messages to an endpoint whose handler blocks: the server stops reading
 * once max-pending-bytes wait (not after max-pending-messages, which would be 64 MiB here), so it
 * holds no more than the limit, the message that crossed it and the one being gathered; when the
 * handler is released every message arrives in order, and the bytes counted return to zero.
 */
@Timeout(90)
class PendingBytesLimitTest {
    private static final int MESSAGE = 1 << 20;
    private static final int MESSAGES = 48;
    private static final long MAX_PENDING_BYTES = 4L << 20;
    private static final CountDownLatch release = new CountDownLatch(1);
    private static final List<Integer> received = new CopyOnWriteArrayList<>();

    /** Blocks in every message until the test releases it; records each message's index. */
    public static class BlockingEndpoint extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(byte[].class, message -> {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                received.add(ByteBuffer.wrap(message).getInt());
            });
        }
    }

    @RegisterExtension
    static final RunningServer server = RunningServer.with(b -> b.maxPendingBytes(MAX_PENDING_BYTES), c -> {
        c.addEndpoint(ServerEndpointConfig.Builder.create(BlockingEndpoint.class, "/blocking").build());
        c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
    });

    @RegisterExtension
    final EchoCanary canary = EchoCanary.on(server, "/echo");

    @Test
    void readingPausesAtTheByteLimitAndEveryMessageArrivesInOrderAfterwards() throws Exception {
        InboundBudget budget = ServerInternals.inboundBudget(server.server());
        AtomicLong written = new AtomicLong();
        try (RawWebSocket client = RawWebSocket.open(server.port(), "/blocking")) {
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < MESSAGES; i++) {
                        byte[] message = new byte[MESSAGE];
                        ByteBuffer.wrap(message).putInt(i);
                        client.sendFrame(true, RawWebSocket.BINARY, message);
                        written.addAndGet(MESSAGE);
                    }
                } catch (Exception e) {
                    // what matters is asserted below
                }
            }, "pending-bytes-writer");
            writer.setDaemon(true);
            writer.start();
            // The writer stalls once the server stops reading and the socket buffers are full.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                long before = written.get();
                TimeUnit.MILLISECONDS.sleep(300);
                return written.get() == before;
            });
            assertThat(written.get()).as("bytes the client could write while the handler was blocked")
                    .isLessThan((long) MESSAGES * MESSAGE);
            // Waiting: the limit plus the message that crossed it; gathered: at most one more message.
            assertThat(budget.peak()).as("inbound bytes held by the server at most")
                    .isLessThanOrEqualTo(MAX_PENDING_BYTES + 2L * MESSAGE + 4096);
            canary.assertEchoes("echoing while a neighbour's handler is blocked");

            release.countDown();
            await().atMost(Duration.ofSeconds(60)).until(() -> received.size() == MESSAGES);
            for (int i = 0; i < MESSAGES; i++) {
                assertThat(received.get(i)).as("message %d in order", i).isEqualTo(i);
            }
            client.sendClose(1000, "");
            assertThat(client.readCloseFrame().code()).isEqualTo(1000);
        }
        await("inbound bytes released").atMost(Duration.ofSeconds(10)).until(() -> budget.used() == 0);
    }
}
