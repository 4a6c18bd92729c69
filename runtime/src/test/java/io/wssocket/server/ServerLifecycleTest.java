package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.JdkClient;
import io.wssocket.test.RawWebSocket;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Starting, limiting and stopping a server. */
@Timeout(30)
class ServerLifecycleTest {

    private static WebSocketServer start(ServerConfig.Builder builder) throws Exception {
        WebSocketServer server = WebSocketServer.create(builder.host("127.0.0.1").port(0).eventLoops(1).build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
        server.start();
        return server;
    }

    private static URI echo(WebSocketServer server) {
        return URI.create("ws://127.0.0.1:" + server.port() + "/echo");
    }

    @Test
    void closingTheServerSendsGoingAwayToEverySessionAndStopsListening() throws Exception {
        WebSocketServer server = start(ServerConfig.builder());
        int port = server.port();
        List<JdkClient> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clients.add(JdkClient.connect(echo(server)));
        }
        server.close();
        for (JdkClient client : clients) {
            JdkClient.Close close = client.closed.get(5, TimeUnit.SECONDS);
            assertThat(close.code()).isEqualTo(1001);
            assertThat(close.reason()).isEqualTo("server shutting down");
        }
        assertThat(server.connectionCount()).isZero();
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            throw new AssertionError("the server still accepts connections after close");
        } catch (ConnectException expected) {
            // nothing listens any more
        }
    }

    @Test
    void anIdleSessionIsClosedWithGoingAway() throws Exception {
        try (WebSocketServer server = start(ServerConfig.builder().idleTimeoutMillis(300));
             JdkClient client = JdkClient.connect(echo(server))) {
            client.send("still here");
            assertThat(client.next(5)).isEqualTo("still here");
            JdkClient.Close close = client.closed.get(5, TimeUnit.SECONDS);
            assertThat(close.code()).isEqualTo(1001);
            assertThat(close.reason()).contains("idle timeout of 300 ms");
        }
    }

    @Test
    void connectionsBeyondTheLimitGet503WithRetryAfter() throws Exception {
        try (WebSocketServer server = start(ServerConfig.builder().maxConnections(2).maxConnectionsPerAddress(0));
             JdkClient first = JdkClient.connect(echo(server));
             JdkClient second = JdkClient.connect(echo(server));
             RawWebSocket third = RawWebSocket.connect(server.port())) {
            third.sendRaw(RawWebSocket.upgradeRequest("/echo", RawWebSocket.newKey()));
            RawWebSocket.HttpResponse response = third.readHttpResponse();
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.headers().get("Retry-After")).containsExactly("5");
            first.send("the others are served");
            assertThat(first.next(5)).isEqualTo("the others are served");
        }
    }

    @Test
    void closingFreesEveryConnectionOfClientsThatLeft() throws Exception {
        try (WebSocketServer server = start(ServerConfig.builder())) {
            for (int i = 0; i < 20; i++) {
                try (JdkClient client = JdkClient.connect(echo(server))) {
                    client.send("m" + i);
                    assertThat(client.next(5)).isEqualTo("m" + i);
                }
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> server.connectionCount() == 0);
        }
    }

    @Test
    void aServerCannotStartTwiceNorAfterClose() throws Exception {
        WebSocketServer server = start(ServerConfig.builder());
        org.assertj.core.api.Assertions.assertThatThrownBy(server::start).hasMessageContaining("already started");
        server.close();
        org.assertj.core.api.Assertions.assertThatThrownBy(server::start).hasMessageContaining("closed");
    }
}
