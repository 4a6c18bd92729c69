package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.HttpProbe;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The health endpoints on the main port, as a load balancer probes them: live and ready answer
 * 200 with a small uncacheable JSON body, HEAD gets the head alone, other methods 405; the drain
 * request is not taken on the main port; a probe from an address at its connection limit is
 * still answered, while a WebSocket from it is refused.
 */
@Timeout(60)
class HealthCheckTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.with(b -> b.maxConnectionsPerAddress(2),
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build()));

    @Test
    void liveAndReadyAnswer200WithUncacheableJson() throws Exception {
        for (String path : List.of("/health/live", "/health/ready")) {
            RawWebSocket.HttpResponse response = HttpProbe.request(server.port(), "GET", path);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).isEqualTo("{\"status\":\"UP\"}\n");
            assertThat(response.header("Content-Type")).isEqualTo("application/json");
            assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        }
    }

    @Test
    void headGetsTheHeadAloneAndOtherMethods405() throws Exception {
        RawWebSocket.HttpResponse head = HttpProbe.request(server.port(), "HEAD", "/health/ready");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo("16");
        RawWebSocket.HttpResponse post = HttpProbe.request(server.port(), "POST", "/health/ready");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.header("Allow")).isEqualTo("GET, HEAD");
    }

    @Test
    void theDrainRequestIsNotTakenOnTheMainPort() throws Exception {
        assertThat(HttpProbe.request(server.port(), "POST", "/health/drain").status()).as("the handshake's answer").isNotEqualTo(202);
        assertThat(HttpProbe.status(server.port(), "/health/ready")).isEqualTo(200);
    }

    @Test
    void aProbeFromAnAddressAtItsLimitIsAnsweredWhileAWebSocketIsRefused() throws Exception {
        List<RawWebSocket> open = new ArrayList<>();
        try {
            open.add(RawWebSocket.open(server.port(), "/echo"));
            open.add(RawWebSocket.open(server.port(), "/echo"));
            assertThat(HttpProbe.status(server.port(), "/health/ready")).isEqualTo(200);
            try (RawWebSocket extra = RawWebSocket.connect(server.port())) {
                extra.sendRaw(RawWebSocket.upgradeRequest("/echo", RawWebSocket.newKey()));
                assertThat(extra.readHttpHead().status()).isEqualTo(429);
            }
        } finally {
            RawWebSocket.closeAll(open);
        }
    }
}
