package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.test.RawWebSocket;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

/**
 * close() returns within shutdown-timeout plus a small grace even when peers never answer the
 * close frame and endpoint code blocks in onClose, ignoring interrupts: one deadline bounds every
 * wait. The bound checked is generous (a loaded machine), but below what separate waits took
 * before (shutdown-timeout, then 2 s for the loops, then 2 s for endpoint code).
 */
@Timeout(60)
class ShutdownBoundTest {
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 1000;
    /** Released when the class ends, so that the stuck threads finish. */
    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static final AtomicInteger OPENED = new AtomicInteger();
    private static final AtomicInteger STUCK = new AtomicInteger();

    /** Blocks in onClose until the test ends, interrupt or not. */
    public static class StubbornEndpoint extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            OPENED.incrementAndGet();
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            STUCK.incrementAndGet();
            while (true) {
                try {
                    if (RELEASE.await(1, TimeUnit.MINUTES)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    // ignored on purpose: endpoint code that will not stop
                }
            }
        }
    }

    @AfterAll
    static void release() {
        RELEASE.countDown();
    }

    /** Endpoint code on a pool of platform threads, or on virtual threads where the JVM has them (21+). */
    @ParameterizedTest(name = "virtual threads: {0}")
    @ValueSource(booleans = {false, true})
    void closeIsBoundedWhenPeersDoNotAnswerAndOnCloseBlocks(boolean virtualThreads) throws Exception {
        OPENED.set(0);
        STUCK.set(0);
        WebSocketServer server = WebSocketServer.create(ServerConfig.builder().host("127.0.0.1").port(0).eventLoops(1)
                .shutdownTimeoutMillis(SHUTDOWN_TIMEOUT_MILLIS).closeTimeoutMillis(30_000).callbackThreads(2)
                .virtualThreads(virtualThreads).build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(StubbornEndpoint.class, "/stubborn").build());
        server.start();
        List<RawWebSocket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                silent.add(RawWebSocket.open(server.port(), "/stubborn")); // never reads, never answers the close
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> OPENED.get() == 4);

            long start = System.nanoTime();
            server.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).as("close() with peers that never answer and onClose that blocks")
                    .isLessThan(Duration.ofMillis(SHUTDOWN_TIMEOUT_MILLIS + WebSocketServer.DROP_GRACE_MILLIS + 1000));
            assertThat(STUCK.get()).as("endpoint code was blocked in onClose").isPositive();
            assertThat(server.connectionCount()).isZero();
        } finally {
            for (RawWebSocket ws : silent) {
                ws.close();
            }
        }
    }
}
