package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bytes queued for a peer that stopped reading do not sit there forever: the write timeout drops the connection. */
@Timeout(30)
class WriteStallTest {
    static final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    static final CompletableFuture<Long> queuedAt = new CompletableFuture<>();

    /** Queues async sends without waiting for them, far beyond what the socket takes. */
    public static class PushEndpoint extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, message -> {
                ByteBuffer chunk = ByteBuffer.allocate(256 << 10);
                for (int i = 0; i < 64; i++) {
                    session.getAsyncRemote().sendBinary(chunk.duplicate());
                }
                queuedAt.complete(System.nanoTime());
            });
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closed.complete(reason);
        }
    }

    @RegisterExtension
    static final RunningServer server = RunningServer.with(
            b -> b.writeTimeoutMillis(500).sendTimeoutMillis(60_000).maxQueuedBytes(64L << 20),
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(PushEndpoint.class, "/push").build()));

    @Test
    void aPeerThatStopsReadingIsDroppedAfterTheWriteTimeout() throws Exception {
        try (RawWebSocket client = RawWebSocket.open(server.port(), "/push")) {
            client.sendText("go"); // and never read
            long start = queuedAt.get(10, TimeUnit.SECONDS);
            CloseReason reason = closed.get(10, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(reason.getCloseCode().getCode()).isEqualTo(1006);
            assertThat(millis).as("dropped well before the 60 s send timeout").isLessThan(10_000);
            client.awaitDisconnect(Duration.ofSeconds(5));
        }
    }
}
