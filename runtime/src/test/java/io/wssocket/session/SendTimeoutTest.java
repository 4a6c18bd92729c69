package io.wssocket.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A peer that stops reading cannot hold a sender forever: the send fails within its timeout and the connection is dropped. */
@Timeout(30)
class SendTimeoutTest {
    static final CompletableFuture<Throwable> sendFailure = new CompletableFuture<>();
    static final CompletableFuture<Long> sendMillis = new CompletableFuture<>();
    static final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

    /** On any message, sends 1 MiB binary messages until a send fails. */
    public static class FloodEndpoint extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, message -> {
                ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
                long start = 0;
                try {
                    for (int i = 0; i < 1000; i++) {
                        start = System.nanoTime();
                        session.getBasicRemote().sendBinary(chunk.duplicate());
                    }
                } catch (IOException e) {
                    sendMillis.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                    sendFailure.complete(e);
                }
            });
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closed.complete(reason);
        }
    }

    @RegisterExtension
    static final RunningServer server = RunningServer.with(b -> b.sendTimeoutMillis(500).maxQueuedBytes(64L << 20),
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(FloodEndpoint.class, "/flood").build()));

    @Test
    void aBlockingSendToAPeerThatNeverReadsTimesOut() throws Exception {
        try (RawWebSocket client = RawWebSocket.open(server.port(), "/flood")) {
            client.sendText("go"); // and never read again
            Throwable failure = sendFailure.get(15, TimeUnit.SECONDS);
            assertThat(failure).isInstanceOf(SocketTimeoutException.class).hasMessageContaining("500 ms");
            assertThat(sendMillis.get()).isBetween(400L, 5000L);
            assertThat(closed.get(5, TimeUnit.SECONDS).getCloseCode().getCode()).isEqualTo(1006);
            client.awaitDisconnect(Duration.ofSeconds(5));
        }
    }
}
