package io.wssocket.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RunningServer;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client as the exported API offers it: a container of one's own from a {@link ClientConfig},
 * keeping that configuration's limits, and closed with its sessions.
 */
class WebSocketClientTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.withEndpoints(
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build()));

    /** Keeps what the server echoes and how the session ended. */
    public static class Recorder extends Endpoint {
        final LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
        final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, received::add);
            session.addMessageHandler(ByteBuffer.class, received::add);
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closed.complete(reason);
        }
    }

    @Test
    void aClientOfOnesOwnEchoesAndKeepsItsConfiguredMessageLimit() throws Exception {
        try (WebSocketClient client = WebSocketClient.create(ClientConfig.defaults().maxMessageSize(1024).build())) {
            Recorder endpoint = new Recorder();
            Session session = client.connectToServer(endpoint, null, server.uri("/echo"));
            session.getBasicRemote().sendText("hello");
            assertThat(endpoint.received.poll(5, TimeUnit.SECONDS)).isEqualTo("hello");

            session.getBasicRemote().sendBinary(ByteBuffer.allocate(2048)); // echoed back: over the client's limit
            CloseReason reason = endpoint.closed.get(5, TimeUnit.SECONDS);
            assertThat(reason.getCloseCode()).isEqualTo(CloseReason.CloseCodes.TOO_BIG);
        }
    }

    @Test
    void closingTheClientClosesItsSessionsGoingAway() throws Exception {
        Recorder endpoint = new Recorder();
        Session session;
        try (WebSocketClient client = WebSocketClient.create(ClientConfig.defaults().build())) {
            session = client.connectToServer(endpoint, null, server.uri("/echo"));
            assertThat(session.isOpen()).isTrue();
        }
        assertThat(endpoint.closed.get(5, TimeUnit.SECONDS).getCloseCode()).isEqualTo(CloseReason.CloseCodes.GOING_AWAY);
        assertThat(session.isOpen()).isFalse();
    }

    @Test
    void whatTheProviderHandsOutIsAClientThatCanBeClosed() {
        assertThat(ContainerProvider.getWebSocketContainer()).isInstanceOf(WebSocketClient.class);
    }
}
