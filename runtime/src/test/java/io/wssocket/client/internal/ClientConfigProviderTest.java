package io.wssocket.client.internal;

import io.wssocket.client.ClientConfig;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RunningServer;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What {@code ContainerProvider.getWebSocketContainer()} hands out is configured by a
 * {@link ClientConfig} read from the environment and system properties (here maps handed to the
 * provider, so nothing global changes), and its sessions keep those limits.
 */
class ClientConfigProviderTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.withEndpoints(
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build()));

    @Test
    void theProviderIsFoundAndItsContainerHasTheDefaultsOfTheClientConfiguration() {
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        assertThat(container).isInstanceOf(WsClientContainer.class);
        ClientConfig defaults = ClientConfig.builder().build();
        assertThat(container.getDefaultMaxSessionIdleTimeout()).isEqualTo(defaults.idleTimeoutMillis());
        assertThat(container.getDefaultMaxTextMessageBufferSize()).isEqualTo(defaults.maxTextMessageBufferSize());
    }

    @Test
    void theEnvironmentAndSystemPropertiesSetTheContainersDefaults() {
        WebSocketContainer container = new ClientProvider().getContainer(
                Map.of("WSSOCKET_MAX_TEXT_BUFFER", "1234", "WSSOCKET_IDLE_TIMEOUT", "999"),
                Map.of("wssocket.idle-timeout", "4321", "wssocket.send-timeout", "777"));
        assertThat(container.getDefaultMaxTextMessageBufferSize()).isEqualTo(1234);
        assertThat(container.getDefaultMaxSessionIdleTimeout()).as("the system property wins").isEqualTo(4321);
        assertThat(container.getDefaultAsyncSendTimeout()).isEqualTo(777);
    }

    @Test
    void aMessageLimitFromASystemPropertyClosesAnOversizedEchoWith1009() throws Exception {
        WebSocketContainer container = new ClientProvider().getContainer(Map.of(),
                Map.of("wssocket.max-message-size", "1024"));
        ClientLimitsTest.assertAnEchoOf2048BytesClosesWith1009(container, server);
    }

    @Test
    void theProviderStepsAsideWhenDisabled() {
        assertThat(new ClientProvider().getContainer(Map.of(), Map.of(ClientProvider.ENABLED_PROPERTY, "false"))).isNull();
    }
}
