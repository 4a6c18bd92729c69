package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wssocket.client.ClientConfig;
import io.wssocket.client.WebSocketClient;
import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.HttpProbe;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A drain as a load balancer sees it: ready turns 503 at once while live stays 200, a new
 * handshake gets 503 with Retry-After, the sessions stay open through the grace, then close with
 * 1001 spread over the window rather than all at once, and the server stops.
 */
@Timeout(90)
class DrainTest {
    private static final int SESSIONS = 20;
    private static final long GRACE_MILLIS = 800;
    private static final long WINDOW_MILLIS = 3000;

    @RegisterExtension
    static final RunningServer server = RunningServer.with(
            b -> b.drainGraceMillis(GRACE_MILLIS).drainWindowMillis(WINDOW_MILLIS).shutdownTimeoutMillis(2000),
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build()));

    /** When each client heard its close, and with which code. */
    record Closed(long nanos, int code) {
    }

    @Test
    void aDrainRefusesNewcomersThenClosesSessionsWith1001SpreadOverTheWindowAndStops() throws Exception {
        List<Closed> closes = new CopyOnWriteArrayList<>();
        try (WebSocketClient client = WebSocketClient.create(ClientConfig.defaults().build())) {
            for (int i = 0; i < SESSIONS; i++) {
                client.connectToServer(new Endpoint() {
                    @Override
                    public void onOpen(Session session, EndpointConfig config) {
                    }

                    @Override
                    public void onClose(Session session, CloseReason reason) {
                        closes.add(new Closed(System.nanoTime(), reason.getCloseCode().getCode()));
                    }
                }, ClientEndpointConfig.Builder.create().build(), server.uri("/echo"));
            }
            int port = server.port();
            long start = System.nanoTime();
            CompletableFuture<Void> stopped = server.server().drain();

            assertThat(HttpProbe.status(port, "/health/ready")).as("ready at once").isEqualTo(503);
            assertThat(HttpProbe.status(port, "/health/live")).isEqualTo(200);
            try (RawWebSocket newcomer = RawWebSocket.connect(port)) {
                newcomer.sendRaw(RawWebSocket.upgradeRequest("/echo", RawWebSocket.newKey()));
                RawWebSocket.HttpResponse refused = newcomer.readHttpHead();
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.header("Retry-After")).isNotNull();
            }

            await().atMost(Duration.ofSeconds(40)).until(() -> closes.size() == SESSIONS);
            assertThat(closes).extracting(Closed::code).containsOnly(1001);
            long first = closes.stream().mapToLong(Closed::nanos).min().orElseThrow();
            long last = closes.stream().mapToLong(Closed::nanos).max().orElseThrow();
            assertThat(Duration.ofNanos(first - start)).as("sessions stay open through the grace")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(GRACE_MILLIS - 50));
            long earlyEnd = first + Duration.ofMillis(WINDOW_MILLIS / 10).toNanos();
            long early = closes.stream().filter(c -> c.nanos() <= earlyEnd).count();
            assertThat(early).as("closes in the window's first tenth: spread, not all at once").isLessThanOrEqualTo(SESSIONS / 2);
            assertThat(Duration.ofNanos(last - first)).as("the last close comes late in the window")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(WINDOW_MILLIS / 2));

            stopped.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThatThrownBy(() -> RawWebSocket.connect(port)).as("stopped: the port is closed").isInstanceOf(IOException.class);
        }
    }
}
