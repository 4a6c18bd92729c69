package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The allowed-origins list, global and per endpoint, against cross-site WebSocket hijacking (RFC 6455 §10.2). */
class AllowedOriginsTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.with(b -> b.allowedOrigins("https://app.example, https://admin.example:8443"),
            c -> {
                c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/app").build());
                ServerEndpointConfig own = ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/partner").build();
                own.getUserProperties().put(OriginPolicy.USER_PROPERTY, List.of("https://partner.example"));
                c.addEndpoint(own);
            });

    private static int statusFrom(String path, String origin) throws IOException {
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            String request = RawWebSocket.upgradeRequest(path, RawWebSocket.newKey());
            if (origin != null) {
                request = request.replace("\r\n\r\n", "\r\nOrigin: " + origin + "\r\n\r\n");
            }
            ws.sendRaw(request.getBytes(StandardCharsets.US_ASCII));
            return ws.readHttpHead().status();
        }
    }

    @Test
    void listedOriginsAreAdmittedIgnoringCase() throws Exception {
        assertThat(statusFrom("/app", "https://app.example")).isEqualTo(101);
        assertThat(statusFrom("/app", "HTTPS://ADMIN.EXAMPLE:8443")).isEqualTo(101);
    }

    @Test
    void otherOriginsGet403() throws Exception {
        assertThat(statusFrom("/app", "https://evil.example")).isEqualTo(403);
        assertThat(statusFrom("/app", "https://app.example:444")).isEqualTo(403);
        assertThat(statusFrom("/app", "null")).isEqualTo(403);
    }

    @Test
    void aRequestWithoutOriginIsNotFromABrowserPageAndIsAdmitted() throws Exception {
        assertThat(statusFrom("/app", null)).isEqualTo(101);
    }

    @Test
    void anEndpointsOwnListReplacesTheGlobalOne() throws Exception {
        assertThat(statusFrom("/partner", "https://partner.example")).isEqualTo(101);
        assertThat(statusFrom("/partner", "https://app.example")).isEqualTo(403);
    }

    @Test
    void somethingThatIsNotAnOriginIsRefusedInTheConfiguration() {
        assertThatThrownBy(() -> ServerConfig.builder().allowedOrigins("https://app.example/path").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an origin");
    }
}
