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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several clients gather large fragmented messages on one server whose max-inbound-bytes is
 * small: the one whose message would take the server past the budget fails with 1013 (try again
 * later) and a reason naming the option, the others complete theirs, and once everyone has gone
 * the bytes counted are back to zero. A session whose whole messages take the server past the
 * budget is paused instead, and resumes once the budget frees.
 */
@Timeout(60)
class InboundBudgetTest {
    private static final int BUDGET = 3 << 20;
    private static final int PIECE = 1 << 20;

    /** Answers every binary message with its size. */
    public static class SizeEndpoint extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(byte[].class, message -> {
                try {
                    session.getBasicRemote().sendText(Integer.toString(message.length));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    static volatile CountDownLatch blocked = new CountDownLatch(0);
    static final AtomicInteger handledInOrder = new AtomicInteger();

    /** Blocks until the test releases it; counts the messages that arrive in order. */
    public static class BlockingEndpoint extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(byte[].class, message -> {
                try {
                    blocked.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (ByteBuffer.wrap(message).getInt() == handledInOrder.get()) {
                    handledInOrder.incrementAndGet();
                }
            });
        }
    }

    @RegisterExtension
    static final RunningServer server = RunningServer.with(b -> b.maxInboundBytes(BUDGET)
            .maxPendingBytes(64L << 20).maxPendingMessages(100_000), c -> {
        c.addEndpoint(ServerEndpointConfig.Builder.create(SizeEndpoint.class, "/size").build());
        c.addEndpoint(ServerEndpointConfig.Builder.create(BlockingEndpoint.class, "/blocking").build());
        c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
    });

    @RegisterExtension
    final EchoCanary canary = EchoCanary.on(server, "/echo");

    @Test
    void theMessageThatWouldCrossTheBudgetFailsWith1013AndTheOthersComplete() throws Exception {
        InboundBudget budget = ServerInternals.inboundBudget(server.server());
        try (RawWebSocket first = RawWebSocket.open(server.port(), "/size");
             RawWebSocket second = RawWebSocket.open(server.port(), "/size");
             RawWebSocket crossing = RawWebSocket.open(server.port(), "/size")) {
            first.sendFrame(false, RawWebSocket.BINARY, new byte[PIECE]);
            await().atMost(Duration.ofSeconds(10)).until(() -> budget.used() >= PIECE);
            second.sendFrame(false, RawWebSocket.BINARY, new byte[PIECE]);
            await().atMost(Duration.ofSeconds(10)).until(() -> budget.used() >= 2L * PIECE);

            // 2 MiB are being gathered; 1.5 MiB more do not fit in 3 MiB.
            try {
                crossing.sendFrame(false, RawWebSocket.BINARY, new byte[PIECE + PIECE / 2]);
            } catch (IOException e) {
                // the server may have closed before the whole piece was written; its close frame is what counts
            }
            RawWebSocket.Close close = crossing.readCloseFrame();
            assertThat(close.code()).as("close code for the message that crossed the budget").isEqualTo(1013);
            assertThat(close.reason()).contains("max-inbound-bytes");
            await("the failed message's bytes released").atMost(Duration.ofSeconds(10))
                    .until(() -> budget.used() == 2L * PIECE);

            first.sendFrame(true, RawWebSocket.CONTINUATION, new byte[10]);
            second.sendFrame(true, RawWebSocket.CONTINUATION, new byte[20]);
            assertThat(first.readFrame().text()).isEqualTo(Integer.toString(PIECE + 10));
            assertThat(second.readFrame().text()).isEqualTo(Integer.toString(PIECE + 20));
            await().atMost(Duration.ofSeconds(10)).until(() -> budget.used() == 0);

            // A message still being gathered when its connection closes gives its bytes back too.
            first.sendFrame(false, RawWebSocket.BINARY, new byte[PIECE]);
            await().atMost(Duration.ofSeconds(10)).until(() -> budget.used() >= PIECE);
        }
        await("every counted byte released").atMost(Duration.ofSeconds(10)).until(() -> budget.used() == 0);
    }

    @Test
    void aSessionWhoseWholeMessagesExceedTheBudgetPausesUntilItFrees() throws Exception {
        InboundBudget budget = ServerInternals.inboundBudget(server.server());
        int size = 1024;
        int count = BUDGET / size + 200; // more than the budget holds while the handler is blocked
        blocked = new CountDownLatch(1);
        AtomicLong written = new AtomicLong();
        try (RawWebSocket client = RawWebSocket.open(server.port(), "/blocking")) {
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < count; i++) {
                        byte[] message = new byte[size];
                        ByteBuffer.wrap(message).putInt(i);
                        client.sendFrame(true, RawWebSocket.BINARY, message);
                        written.incrementAndGet();
                        // One frame a read: a frame cut by a read would be gathered, which the full budget refuses.
                        TimeUnit.MICROSECONDS.sleep(500);
                    }
                } catch (Exception e) {
                    // asserted below
                }
            }, "budget-writer");
            writer.setDaemon(true);
            writer.start();
            writer.join(60_000);
            await().atMost(Duration.ofSeconds(10)).until(() -> budget.used() >= BUDGET);
            // Counted whole, never refused; reading paused at the crossing, so at most one read more.
            assertThat(budget.peak()).isLessThanOrEqualTo(BUDGET + 65536L + 4096);
            assertThat(handledInOrder.get()).isZero();

            blocked.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> handledInOrder.get() == count);
            client.sendClose(1000, "");
            assertThat(client.readCloseFrame().code()).as("the session was paused, not failed").isEqualTo(1000);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> budget.used() == 0);
    }

    @Test
    void wholeMessagesReadInOnePieceAreNeverRefusedAndAllReleased() throws Exception {
        InboundBudget budget = ServerInternals.inboundBudget(server.server());
        // Each arrives in one read: counted whole and never refused (past the budget the session would pause instead).
        try (RawWebSocket client = RawWebSocket.open(server.port(), "/size")) {
            for (int i = 0; i < 200; i++) {
                client.sendFrame(true, RawWebSocket.BINARY, new byte[16 << 10]);
            }
            for (int i = 0; i < 200; i++) {
                assertThat(client.readFrame().text()).isEqualTo(Integer.toString(16 << 10));
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> budget.used() == 0);
    }
}
