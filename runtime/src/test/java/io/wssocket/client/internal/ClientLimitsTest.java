package io.wssocket.client.internal;

import io.wssocket.client.ClientConfig;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RunningServer;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client session keeps the server's limits: the same code enforces them, so these check that
 * the client's configuration reaches it (message size, buffer size, idle timeout).
 */
class ClientLimitsTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.withEndpoints(
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build()));

    /** Records how the session ended. */
    public static class Watcher extends Endpoint {
        final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(ByteBuffer.class, data -> { });
            session.addMessageHandler(String.class, text -> { });
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closed.complete(reason);
        }
    }

    @Test
    void anEchoLargerThanTheClientsMessageLimitClosesWith1009() throws Exception {
        try (WsClientContainer client = new WsClientContainer(ClientConfig.builder().maxMessageSize(1024).build(),
                ClientTransport.shared())) {
            assertAnEchoOf2048BytesClosesWith1009(client, server);
        }
    }

    /** For a client whose max-message-size is 1024: the echo of 2048 bytes is refused with 1009, naming the limit. */
    static void assertAnEchoOf2048BytesClosesWith1009(WebSocketContainer client, RunningServer server) throws Exception {
        Watcher endpoint = new Watcher();
        Session session = client.connectToServer(endpoint, null, server.uri("/echo"));
        session.getBasicRemote().sendBinary(ByteBuffer.allocate(2048));
        CloseReason reason = endpoint.closed.get(5, TimeUnit.SECONDS);
        assertThat(reason.getCloseCode()).isEqualTo(CloseReason.CloseCodes.TOO_BIG);
        assertThat(reason.getReasonPhrase()).contains("1024");
    }

    @Test
    void theContainersTextBufferDefaultLimitsWholeTextMessages() throws Exception {
        try (WsClientContainer client = new WsClientContainer(ClientConfig.builder().build(), ClientTransport.shared())) {
            client.setDefaultMaxTextMessageBufferSize(100);
            Watcher endpoint = new Watcher();
            Session session = client.connectToServer(endpoint, null, server.uri("/echo"));
            assertThat(session.getMaxTextMessageBufferSize()).isEqualTo(100);
            session.getBasicRemote().sendText("x".repeat(101));
            assertThat(endpoint.closed.get(5, TimeUnit.SECONDS).getCloseCode()).isEqualTo(CloseReason.CloseCodes.TOO_BIG);
        }
    }

    @Test
    void anIdleClientSessionIsClosedAfterTheContainersIdleTimeout() throws Exception {
        try (WsClientContainer client = new WsClientContainer(ClientConfig.builder().build(), ClientTransport.shared())) {
            client.setDefaultMaxSessionIdleTimeout(300);
            Watcher endpoint = new Watcher();
            Session session = client.connectToServer(endpoint, null, server.uri("/echo"));
            assertThat(session.getMaxIdleTimeout()).isEqualTo(300);
            CloseReason reason = endpoint.closed.get(5, TimeUnit.SECONDS);
            assertThat(reason.getReasonPhrase()).contains("idle timeout of 300 ms");
        }
    }
}
