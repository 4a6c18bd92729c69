package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RawWebSocket;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * A serving server's counters are MBeans under io.wssocket:type=Server,name=&lt;port&gt;, read
 * through the platform MBean server as a JMX console would; they go when it stops, and option jmx
 * keeps them out.
 */
class ServerMBeansTest {
    private final MBeanServer platform = ManagementFactory.getPlatformMBeanServer();

    private static WebSocketServer start(ServerConfig.Builder config) throws Exception {
        WebSocketServer server = WebSocketServer.create(config.host("127.0.0.1").port(0).eventLoops(1).build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
        server.start();
        return server;
    }

    private static ObjectName nameOf(WebSocketServer server) throws Exception {
        return new ObjectName("io.wssocket:type=Server,name=" + ObjectName.quote(String.valueOf(server.port())));
    }

    @Test
    void theCountersAreReadThroughThePlatformMBeanServer() throws Exception {
        WebSocketServer server = start(ServerConfig.defaults().option("max-message-size", "200"));
        ObjectName name = nameOf(server);
        try {
            try (RawWebSocket open = RawWebSocket.open(server.port(), "/echo")) {
                await().atMost(Duration.ofSeconds(10)).until(() -> platform.getAttribute(name, "OpenSessionsByPath")
                        .equals(Map.of("/echo", 1)));
                assertThat((int) platform.getAttribute(name, "OpenConnections")).isEqualTo(1);
                try (RawWebSocket ws = RawWebSocket.open(server.port(), "/echo")) {
                    ws.sendText("hello");
                    ws.readFrame();
                    ws.sendClose(1000, "");
                    ws.readCloseFrame();
                }
                try (RawWebSocket tooBig = RawWebSocket.open(server.port(), "/echo")) {
                    tooBig.sendText("x".repeat(300));
                    tooBig.readCloseFrame();
                }
                try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
                    ws.sendRaw(RawWebSocket.upgradeRequest("/nowhere", RawWebSocket.newKey())
                            .getBytes(StandardCharsets.US_ASCII));
                    ws.readHttpHead();
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> (long) platform.getAttribute(name, "SessionsClosed") == 2);
            } // the first session's socket closes without a close handshake: 1006
            await().atMost(Duration.ofSeconds(10)).until(() -> (long) platform.getAttribute(name, "SessionsClosed") == 3);
            assertThat(platform.getAttribute(name, "OpenSessionsByPath")).isEqualTo(Map.of());
            assertThat(platform.getAttribute(name, "HandshakesByStatus")).isEqualTo(Map.of("101", 3L, "404", 1L));
            assertThat(platform.getAttribute(name, "CloseCodes")).isEqualTo(Map.of("1000", 1L, "1006", 1L, "1009", 1L));
            assertThat(platform.getAttribute(name, "RejectionsByLimit")).isEqualTo(Map.of("max-message-size", 1L));
            assertThat((long) platform.getAttribute(name, "MessagesIn")).isEqualTo(1);
            assertThat((long) platform.getAttribute(name, "MessagesOut")).isEqualTo(1);
            assertThat((long) platform.getAttribute(name, "BytesOut")).isEqualTo(7);
            assertThat((long) platform.getAttribute(name, "SessionsOpened")).isEqualTo(3);
        } finally {
            server.close();
        }
        assertThat(platform.isRegistered(name)).as("unregistered on stop").isFalse();
    }

    @Test
    void messagesAndBytesCountWhileTheSessionIsStillOpen() throws Exception {
        WebSocketServer server = start(ServerConfig.defaults());
        ObjectName name = nameOf(server);
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/echo")) {
            for (int i = 0; i < 3; i++) {
                ws.sendText("hello");
                ws.readFrame();
            }
            // three 5-byte texts in masked frames of 11 bytes; three echoes of 7
            await().atMost(Duration.ofSeconds(10)).until(() -> (long) platform.getAttribute(name, "MessagesIn") == 3);
            assertThat((long) platform.getAttribute(name, "BytesIn")).isEqualTo(33);
            assertThat((long) platform.getAttribute(name, "MessagesOut")).isEqualTo(3);
            assertThat((long) platform.getAttribute(name, "BytesOut")).isEqualTo(21);
            assertThat((long) platform.getAttribute(name, "SessionsClosed")).as("the session is still open").isZero();
        } finally {
            server.close();
        }
    }

    @Test
    void optionJmxKeepsTheServerOutOfJmx() throws Exception {
        WebSocketServer server = start(ServerConfig.defaults().option("jmx", "false"));
        try {
            assertThat(platform.isRegistered(nameOf(server))).isFalse();
        } finally {
            server.close();
        }
    }
}
