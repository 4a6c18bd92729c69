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
 * Real handshakes against the default origin policy: same origin only, so that an evil page cannot
 * open a WebSocket with a visitor's cookies (cross-site WebSocket hijacking, RFC 6455 §10.2).
 */
@Timeout(30)
class SameOriginHandshakeTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.withEndpoints(
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build()));

    @RegisterExtension
    static final RunningServer open = RunningServer.with(b -> b.allowedOrigins("*"),
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build()));

    private static int status(RunningServer target, String host, String origin) throws IOException {
        try (RawWebSocket ws = RawWebSocket.connect(target.port())) {
            String request = RawWebSocket.upgradeRequest("/echo", RawWebSocket.newKey())
                    .replace("Host: 127.0.0.1\r\n", "Host: " + host + "\r\n");
            if (origin != null) {
                request = request.replace("\r\n\r\n", "\r\nOrigin: " + origin + "\r\n\r\n");
            }
            ws.sendRaw(request.getBytes(StandardCharsets.US_ASCII));
            return ws.readHttpHead().status();
        }
    }

    private static String self() {
        return "127.0.0.1:" + server.port();
    }

    @Test
    void aPageOfTheSameOriginIsUpgraded() throws Exception {
        assertThat(status(server, self(), "http://" + self())).isEqualTo(101);
        assertThat(status(server, self(), "https://" + self())).isEqualTo(101);
    }

    @Test
    void aClientWithoutOriginIsUpgraded() throws Exception {
        assertThat(status(server, self(), null)).isEqualTo(101);
    }

    @Test
    void anEvilOriginIsRefusedWith403() throws Exception {
        assertThat(status(server, self(), "https://evil.example")).isEqualTo(403);
    }

    @Test
    void theOpaqueOriginIsRefusedWith403() throws Exception {
        assertThat(status(server, self(), "null")).isEqualTo(403);
    }

    @Test
    void lookAlikesAreRefusedWith403() throws Exception {
        assertThat(status(server, self(), "http://127.0.0.1.attacker.example:" + server.port())).isEqualTo(403);
        assertThat(status(server, self(), "http://127.0.0.1:" + (server.port() + 1))).isEqualTo(403);
        assertThat(status(server, self(), "http://127.0.0.1")).isEqualTo(403);
        assertThat(status(server, self(), "http://" + self() + "@evil.example")).isEqualTo(403);
        assertThat(status(server, self(), "http://evil.example@" + self())).isEqualTo(403);
    }

    @Test
    void aStarAdmitsEveryOrigin() throws Exception {
        assertThat(status(open, "127.0.0.1:" + open.port(), "https://evil.example")).isEqualTo(101);
        assertThat(status(open, "127.0.0.1:" + open.port(), "null")).isEqualTo(101);
    }
}
