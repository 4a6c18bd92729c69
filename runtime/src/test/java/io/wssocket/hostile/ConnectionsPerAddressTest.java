package io.wssocket.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One address may hold max-connections-per-address connections; one more gets 429 with Retry-After, and closing frees a place. */
class ConnectionsPerAddressTest {
    private static final int LIMIT = 3;

    @RegisterExtension
    static final RunningServer server = RunningServer.with(b -> b.maxConnectionsPerAddress(LIMIT),
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build()));

    @Test
    void theConnectionPastTheLimitIsRefusedWith429AndAClosedOneMakesRoom() throws Exception {
        List<RawWebSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < LIMIT; i++) {
                open.add(RawWebSocket.open(server.port(), "/echo"));
            }
            try (RawWebSocket extra = RawWebSocket.connect(server.port())) {
                extra.sendRaw(RawWebSocket.upgradeRequest("/echo", RawWebSocket.newKey()));
                RawWebSocket.HttpResponse response = extra.readHttpHead();
                assertThat(response.status()).isEqualTo(429);
                assertThat(response.header("Retry-After")).isEqualTo("5");
            }
            open.remove(0).close();
            await().atMost(Duration.ofSeconds(5)).until(() -> server.server().connectionCount() == LIMIT - 1);
            try (RawWebSocket again = RawWebSocket.open(server.port(), "/echo")) {
                again.sendText("room again");
                assertThat(again.readFrame().text()).isEqualTo("room again");
            }
        } finally {
            for (RawWebSocket ws : open) {
                ws.close();
            }
        }
    }
}
