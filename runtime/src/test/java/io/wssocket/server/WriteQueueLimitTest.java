package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import io.wssocket.transport.WriteQueueFullException;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A message larger than the outbound queue allows, to a peer that reads nothing: the send fails
 * with the queue limit, and since part of its frame is already on the wire the connection is
 * dropped rather than left with half a frame.
 */
@Timeout(30)
class WriteQueueLimitTest {
    static final CompletableFuture<Throwable> sendFailure = new CompletableFuture<>();
    static final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

    /** On any message, sends 16 MiB in one binary message. */
    public static class BigSendEndpoint extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, message -> {
                try {
                    session.getBasicRemote().sendBinary(ByteBuffer.allocate(16 << 20));
                    sendFailure.complete(null);
                } catch (IOException e) {
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
    static final RunningServer server = RunningServer.with(
            b -> b.writeLowWaterMark(8 << 10).writeHighWaterMark(16 << 10).maxQueuedBytes(64 << 10),
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(BigSendEndpoint.class, "/big").build()));

    @Test
    void aMessageBeyondTheQueueLimitFailsItsSendAndDropsTheHalfWrittenConnection() throws Exception {
        try (RawWebSocket client = RawWebSocket.open(server.port(), "/big")) {
            client.sendText("go"); // and never read
            assertThat(sendFailure.get(10, TimeUnit.SECONDS)).isInstanceOf(WriteQueueFullException.class)
                    .hasMessageContaining("limit of 65536");
            assertThat(closed.get(10, TimeUnit.SECONDS).getCloseCode().getCode()).isEqualTo(1006);
            client.awaitDisconnect(Duration.ofSeconds(10));
        }
    }
}
