package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Which subprotocol the handshake agrees, and what the session reports of it (RFC 6455 §4.2.2, §11.3.4). */
@Timeout(30)
class SubprotocolNegotiationTest {

    /** Tells the client the session's negotiated subprotocol, in brackets so that "" is visible. */
    public static class ReportsSubprotocol extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            try {
                session.getBasicRemote().sendText("[" + session.getNegotiatedSubprotocol() + "]");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Picks a subprotocol whether or not the client offered it. */
    public static class PicksUnoffered extends ServerEndpointConfig.Configurator {
        @Override
        public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
            return "chat.v2";
        }
    }

    @RegisterExtension
    static final RunningServer server = RunningServer.withEndpoints(c -> {
        c.addEndpoint(ServerEndpointConfig.Builder.create(ReportsSubprotocol.class, "/chat")
                .subprotocols(List.of("chat.v2", "chat.v1")).build());
        c.addEndpoint(ServerEndpointConfig.Builder.create(ReportsSubprotocol.class, "/stubborn")
                .subprotocols(List.of("chat.v2", "chat.v1")).configurator(new PicksUnoffered()).build());
    });

    private record Outcome(String header, String sessionReports) {
    }

    private static Outcome offer(String path, String protocols) throws IOException {
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            String request = RawWebSocket.upgradeRequest(path, RawWebSocket.newKey())
                    .replace("\r\n\r\n", "\r\nSec-WebSocket-Protocol: " + protocols + "\r\n\r\n");
            ws.sendRaw(request.getBytes(StandardCharsets.US_ASCII));
            RawWebSocket.HttpResponse response = ws.readHttpHead();
            assertThat(response.status()).isEqualTo(101);
            return new Outcome(response.header("Sec-WebSocket-Protocol"), ws.readFrame().text());
        }
    }

    @Test
    void theDefaultConfiguratorPicksTheClientsFirstChoiceThatTheServerSupports() throws Exception {
        // The server lists chat.v2 first, but the client's order decides.
        assertThat(offer("/chat", "chat.v1, chat.v2")).isEqualTo(new Outcome("chat.v1", "[chat.v1]"));
        assertThat(offer("/chat", "mqtt, chat.v2")).isEqualTo(new Outcome("chat.v2", "[chat.v2]"));
    }

    @Test
    void onlyUnknownOffersAgreeNoSubprotocol() throws Exception {
        assertThat(offer("/chat", "mqtt, stomp")).isEqualTo(new Outcome(null, "[]"));
    }

    @Test
    void aSubprotocolTheClientDidNotOfferIsNeverSent() throws Exception {
        // RFC 6455 §4.2.2 item 5.4: the selected subprotocol must be one of those in the client's handshake.
        assertThat(offer("/stubborn", "chat.v1")).isEqualTo(new Outcome(null, "[]"));
    }
}
