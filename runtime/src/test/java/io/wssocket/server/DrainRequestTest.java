package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.HttpProbe;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The health endpoints on a separate port: only they are answered there (the main port serves
 * WebSockets and no health path), and an operator's POST of the drain path from this machine
 * drains the server: ready turns 503 at once, the session closes with 1001, the server stops.
 */
@Timeout(60)
class DrainRequestTest {
    private static final int HEALTH_PORT = HttpProbe.freePort();

    @RegisterExtension
    static final RunningServer server = RunningServer.with(
            b -> b.healthPort(HEALTH_PORT).drainGraceMillis(200).drainWindowMillis(200).shutdownTimeoutMillis(2000),
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build()));

    @Test
    void aLoopbackDrainRequestOnTheHealthPortDrainsAndStopsTheServer() throws Exception {
        int health = server.server().healthAddress().getPort();
        assertThat(health).isEqualTo(HEALTH_PORT);
        assertThat(HttpProbe.status(health, "/health/live")).isEqualTo(200);
        assertThat(HttpProbe.status(health, "/health/ready")).isEqualTo(200);
        assertThat(HttpProbe.status(health, "/echo")).as("nothing else on the health port").isEqualTo(404);
        assertThat(HttpProbe.status(server.port(), "/health/ready")).as("no health path on the main port").isNotEqualTo(200);

        try (RawWebSocket session = RawWebSocket.open(server.port(), "/echo")) {
            assertThat(HttpProbe.request(health, "POST", "/health/drain").status()).isEqualTo(202);
            assertThat(HttpProbe.status(health, "/health/ready")).isEqualTo(503);
            assertThat(session.readCloseFrame().code()).isEqualTo(1001);
        }
        server.server().termination().get(20, TimeUnit.SECONDS);
    }
}
