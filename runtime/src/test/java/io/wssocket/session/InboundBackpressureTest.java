package io.wssocket.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When endpoint code falls behind, the server stops reading the socket instead of queueing the
 * peer's messages without bound; once the endpoint catches up every message is delivered in order.
 */
@Timeout(60)
class InboundBackpressureTest {
    static final int MESSAGES = 16_000;
    static final int SIZE = 1024;
    static final CountDownLatch release = new CountDownLatch(1);
    static final AtomicInteger handled = new AtomicInteger();
    static final AtomicInteger outOfOrder = new AtomicInteger();

    /** Blocks in its first message until the test releases it. */
    public static class SlowEndpoint extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, message -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                int index = Integer.parseInt(message.substring(0, message.indexOf(' ')));
                if (index != handled.getAndIncrement()) {
                    outOfOrder.incrementAndGet();
                }
            });
        }
    }

    @RegisterExtension
    static final RunningServer server = RunningServer.with(b -> b.maxPendingMessages(4),
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(SlowEndpoint.class, "/slow").build()));

    @Test
    void readingPausesWhileTheEndpointIsBusyAndResumesAfter() throws Exception {
        AtomicLong written = new AtomicLong();
        try (RawWebSocket client = RawWebSocket.open(server.port(), "/slow")) {
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < MESSAGES; i++) {
                        String text = i + " " + "x".repeat(SIZE - 8);
                        client.sendFrame(true, RawWebSocket.TEXT, text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        written.addAndGet(SIZE);
                    }
                } catch (Exception e) {
                    // the test's assertions report what matters
                }
            });
            writer.setDaemon(true);
            writer.start();
            // The writer stalls once the server stops reading and the socket buffers are full.
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                long before = written.get();
                TimeUnit.MILLISECONDS.sleep(300);
                return written.get() == before;
            });
            long stalledAt = written.get();
            assertThat(stalledAt)
                    .as("bytes the client could write while the endpoint was blocked")
                    .isLessThan((long) MESSAGES * SIZE);
            assertThat(handled.get()).isZero();

            release.countDown();
            writer.join(TimeUnit.SECONDS.toMillis(30));
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.get() == MESSAGES);
            assertThat(outOfOrder.get()).isZero();
        }
    }
}
