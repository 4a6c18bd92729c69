package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The endpoint's Configurator decides which Origin may open a connection (Jakarta WebSocket 2.2 §4.1). */
@Timeout(30)
class OriginCheckTest {

    /** Admits only pages served from https://good.example. */
    public static class GoodOriginOnly extends ServerEndpointConfig.Configurator {
        @Override
        public boolean checkOrigin(String originHeaderValue) {
            return "https://good.example".equals(originHeaderValue);
        }
    }

    /**
     * The server's policy comes first (same origin by default) and the configurator may refuse
     * more: the page's origin is listed so that the configurator has the last word here.
     */
    @RegisterExtension
    static final RunningServer server = RunningServer.with(b -> b.allowedOrigins("https://good.example, https://evil.example"),
            c -> c.addEndpoint(
            ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/guarded").configurator(new GoodOriginOnly()).build()));

    private static RawWebSocket.HttpResponse upgradeFrom(RawWebSocket ws, String origin) throws IOException {
        String request = RawWebSocket.upgradeRequest("/guarded", RawWebSocket.newKey())
                .replace("\r\n\r\n", "\r\nOrigin: " + origin + "\r\n\r\n");
        ws.sendRaw(request.getBytes(StandardCharsets.US_ASCII));
        return ws.readHttpHead();
    }

    @Test
    void aForeignOriginIsRefusedWith403() throws Exception {
        // RFC 6455 §4.2.2: a server that does not accept the origin answers with a 403 Forbidden
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            RawWebSocket.HttpResponse response = upgradeFrom(ws, "https://evil.example");
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.header("Sec-WebSocket-Accept")).isNull();
        }
    }

    @Test
    void theAllowedOriginIsUpgradedAndCanTalk() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            assertThat(upgradeFrom(ws, "https://good.example").status()).isEqualTo(101);
            ws.sendText("hello");
            assertThat(ws.readFrame().text()).isEqualTo("hello");
        }
    }
}
