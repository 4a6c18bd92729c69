package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.JdkClient;
import io.wssocket.test.RunningServer;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The container's defaults, changed while the server runs, are what sessions opened afterwards start with. */
@Timeout(30)
class ContainerDefaultsTest {

    static final long IDLE_MILLIS = 47_000;
    static final int TEXT_BUFFER = 1_000;
    static final int BINARY_BUFFER = 3_000;
    static final long SEND_TIMEOUT_MILLIS = 12_345;

    /** Reports the session's limits as it opens. */
    public static class ReportsLimits extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            try {
                session.getBasicRemote().sendText("idle " + session.getMaxIdleTimeout()
                        + " text " + session.getMaxTextMessageBufferSize()
                        + " binary " + session.getMaxBinaryMessageBufferSize()
                        + " send timeout " + session.getAsyncRemote().getSendTimeout());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @RegisterExtension
    static final RunningServer server = RunningServer.withEndpoints(c -> {
        c.addEndpoint(ServerEndpointConfig.Builder.create(ReportsLimits.class, "/limits").build());
        c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
    });

    @BeforeAll
    static void changeTheDefaultsOfTheRunningServer() {
        ServerContainer container = server.server().container();
        container.setDefaultMaxSessionIdleTimeout(IDLE_MILLIS);
        container.setDefaultMaxTextMessageBufferSize(TEXT_BUFFER);
        container.setDefaultMaxBinaryMessageBufferSize(BINARY_BUFFER);
        container.setAsyncSendTimeout(SEND_TIMEOUT_MILLIS);
    }

    @Test
    void theContainerReportsTheDefaultsItWasGiven() {
        ServerContainer container = server.server().container();
        assertThat(container.getDefaultMaxSessionIdleTimeout()).isEqualTo(IDLE_MILLIS);
        assertThat(container.getDefaultMaxTextMessageBufferSize()).isEqualTo(TEXT_BUFFER);
        assertThat(container.getDefaultMaxBinaryMessageBufferSize()).isEqualTo(BINARY_BUFFER);
        assertThat(container.getDefaultAsyncSendTimeout()).isEqualTo(SEND_TIMEOUT_MILLIS);
    }

    @Test
    void aNewSessionStartsWithTheContainersDefaults() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/limits"))) {
            assertThat(client.next(5)).isEqualTo("idle " + IDLE_MILLIS + " text " + TEXT_BUFFER
                    + " binary " + BINARY_BUFFER + " send timeout " + SEND_TIMEOUT_MILLIS);
        }
    }

    @Test
    void aTextMessageLargerThanTheDefaultBufferClosesWith1009() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/echo"))) {
            client.send("x".repeat(TEXT_BUFFER));
            assertThat(client.next(5)).isEqualTo("x".repeat(TEXT_BUFFER)); // the limit itself is allowed
            client.ws.sendText("x".repeat(TEXT_BUFFER + 1), true);
            JdkClient.Close close = client.closed.get(5, TimeUnit.SECONDS);
            assertThat(close.code()).isEqualTo(CloseReason.CloseCodes.TOO_BIG.getCode());
        }
    }

    @Test
    void aBufferSizeBelowOneByteIsRefusedAtOnceAndHandshakesGoOn() throws Exception {
        ServerContainer container = server.server().container();
        int before = container.getDefaultMaxTextMessageBufferSize();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> container.setDefaultMaxTextMessageBufferSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 byte");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> container.setDefaultMaxBinaryMessageBufferSize(-5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(container.getDefaultMaxTextMessageBufferSize()).isEqualTo(before);
    }
}
