package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.HttpProbe;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The admin view's JSON as an operator reads it off a running server with real clients: the
 * endpoints and their sessions, sessions per path, connections per address, the session that
 * does not read at the top of the busiest, and the limits with where each value came from.
 */
@Timeout(60)
class AdminViewTest {
    private static final int HEALTH_PORT = HttpProbe.freePort();
    private static final int CHUNK = 64 << 10;
    private static final int CHUNKS = 128;

    @RegisterExtension
    static final RunningServer server = RunningServer.with(b -> b.healthPort(HEALTH_PORT).maxPendingMessages(17)
                    .idleTimeoutMillis(0),
            c -> {
                c.addEndpoint(Flood.class);
                c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
            });

    /** On "flood", queues {@value #CHUNKS} binary messages of 64 KiB for the peer without waiting. */
    @ServerEndpoint("/flood/{room}")
    public static class Flood {
        @OnMessage
        public void onMessage(String text, Session session) {
            for (int i = 0; i < CHUNKS; i++) {
                session.getAsyncRemote().sendBinary(ByteBuffer.allocate(CHUNK));
            }
        }
    }

    @Test
    void showsEndpointsSessionsPerPathAndAddressTheBusiestSessionAndTheLimits() throws Exception {
        List<RawWebSocket> clients = new ArrayList<>();
        try {
            clients.add(RawWebSocket.open(server.port(), "/echo"));
            clients.add(RawWebSocket.open(server.port(), "/echo"));
            RawWebSocket other = RawWebSocket.connectFrom(InetAddress.getByName("127.0.0.2"), server.port());
            clients.add(other);
            other.handshake("/flood/b");
            // Reads nothing from now on, with a small window: what the server sends it stays queued.
            RawWebSocket stalled = RawWebSocket.connectWithReceiveBuffer(server.port(), 4096);
            clients.add(stalled);
            stalled.handshake("/flood/a");
            stalled.sendText("flood");

            JsonNode status = await("the stalled client's queue shows").atMost(Duration.ofSeconds(20))
                    .until(AdminViewTest::status, s -> s.at("/busiestSessions/0/queuedBytes").asLong() > CHUNK);

            JsonNode busiest = status.at("/busiestSessions/0");
            assertThat(busiest.get("path").asText()).isEqualTo("/flood/a");
            assertThat(busiest.get("remote").asText()).startsWith("127.0.0.1:");
            assertThat(busiest.get("messagesIn").asLong()).as("the one text message it sent").isEqualTo(1);
            assertThat(busiest.get("bytesOut").asLong()).isPositive();
            assertThat(busiest.get("openSince").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(status.at("/busiestSessions/1/queuedBytes").asLong()).as("nobody else is behind")
                    .isLessThan(busiest.get("queuedBytes").asLong());
            assertThat(status.get("busiestSessions")).hasSize(4);

            assertThat(status.at("/server/openSessions").asInt()).isEqualTo(4);
            assertThat(status.at("/server/readiness").asText()).isEqualTo("READY");
            assertThat(status.at("/server/tls").asBoolean()).isFalse();
            assertThat(status.at("/server/address").asText()).isEqualTo("127.0.0.1:" + server.port());
            assertThat(status.at("/server/healthAddress").asText()).isEqualTo("127.0.0.1:" + HEALTH_PORT);

            assertThat(byKey(status.get("endpoints"), "path", "kind")).containsExactlyInAnyOrder(
                    "/echo=programmatic", "/flood/{room}=annotated");
            assertThat(byKey(status.get("endpoints"), "path", "openSessions")).containsExactlyInAnyOrder(
                    "/echo=2", "/flood/{room}=2");
            assertThat(byKey(status.get("connectionsByPath"), "path", "sessions")).containsExactly(
                    "/echo=2", "/flood/a=1", "/flood/b=1");
            assertThat(byKey(status.get("connectionsByAddress"), "address", "connections")).containsExactly(
                    "127.0.0.1=3", "127.0.0.2=1");
            assertThat(status.get("addresses").asInt()).isEqualTo(2);

            JsonNode limits = status.get("limits");
            assertThat(byKey(limits, "name", "value")).contains("max-pending-messages=17", "close-timeout=5000",
                    "max-queued-bytes=33554432").noneMatch(row -> row.startsWith("port=") || row.startsWith("health-port="));
            assertThat(byKey(limits, "name", "source")).contains("max-pending-messages=code", "close-timeout=default");
            assertThat(byKey(limits, "name", "set")).contains("max-pending-messages=true", "close-timeout=false");
            assertThat(byKey(limits, "name", "value")).as("a computed default, worked out")
                    .anyMatch(row -> row.matches("max-connections=\\d+"));
        } finally {
            RawWebSocket.closeAll(clients);
        }
        await("the sessions closed").atMost(Duration.ofSeconds(20))
                .until(() -> status().at("/server/openSessions").asInt() == 0);
        assertThat(status().get("connectionsByAddress")).isEmpty();
    }

    private static JsonNode status() throws Exception {
        RawWebSocket.HttpResponse response = HttpProbe.request(HEALTH_PORT, "GET", "/health/admin/status.json");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        return new ObjectMapper().readTree(response.body());
    }

    /** "key=value" per row, in the order of the array. */
    private static List<String> byKey(JsonNode rows, String key, String value) {
        return StreamSupport.stream(rows.spliterator(), false)
                .map(row -> row.get(key).asText() + "=" + row.get(value).asText()).toList();
    }
}
