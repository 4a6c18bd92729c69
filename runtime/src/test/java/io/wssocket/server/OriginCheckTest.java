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

/**
 * An endpoint's Configurator that checks origins itself decides which Origin may open a connection
 * (Jakarta WebSocket 2.2 §4.1.1), even against the server's same-origin default; one that does not
 * leaves the server's policy in force.
 */
@Timeout(30)
class OriginCheckTest {

    /** Admits only pages served from https://good.example. */
    public static class GoodOriginOnly extends ServerEndpointConfig.Configurator {
        @Override
        public boolean checkOrigin(String originHeaderValue) {
            return "https://good.example".equals(originHeaderValue);
        }
    }

    /** Overrides nothing: the server's origin policy applies. */
    public static class SubprotocolsOnly extends ServerEndpointConfig.Configurator {
    }

    /** Neither page's origin is the server's own nor listed in allowed-origins. */
    @RegisterExtension
    static final RunningServer server = RunningServer.with(b -> { }, c -> {
        c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/guarded").configurator(new GoodOriginOnly()).build());
        c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/plain").configurator(new SubprotocolsOnly()).build());
    });

    private static RawWebSocket.HttpResponse upgradeFrom(RawWebSocket ws, String origin) throws IOException {
        return upgradeFrom(ws, "/guarded", origin);
    }

    private static RawWebSocket.HttpResponse upgradeFrom(RawWebSocket ws, String path, String origin) throws IOException {
        String request = RawWebSocket.upgradeRequest(path, RawWebSocket.newKey())
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

    @Test
    void aConfiguratorThatChecksNothingLeavesTheServersSameOriginPolicyInForce() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            assertThat(upgradeFrom(ws, "/plain", "https://good.example").status()).isEqualTo(403);
        }
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            assertThat(upgradeFrom(ws, "/plain", "http://127.0.0.1").status())
                    .as("the origin the request's Host names").isEqualTo(101);
        }
    }
}
