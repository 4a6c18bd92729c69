package io.wssocket.client.internal;

import io.wssocket.client.ClientConfig;

import io.wssocket.config.ConfigSources;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import java.util.Map;

/**
 * Found by {@code ContainerProvider.getWebSocketContainer()} through
 * {@code META-INF/services/jakarta.websocket.ContainerProvider}: each call gives a new
 * {@link WsClientContainer}, configured by {@link ClientConfig#builder()} from the configuration
 * file, the {@code WSSOCKET_*} environment variables and the {@code wssocket.*} system properties
 * of that moment, running on the JVM's shared client event loops.
 *
 * <p>With {@code -Dwssocket.client.enabled=false} it steps aside (returns null), so that another
 * client implementation on the class path is found instead, for example to run our server with
 * another vendor's client in one JVM.
 */
public final class ClientProvider extends ContainerProvider {
    /** The system property that, set to false, makes this provider step aside. */
    public static final String ENABLED_PROPERTY = "wssocket.client.enabled";

    /** For {@code ServiceLoader}; applications call {@code ContainerProvider.getWebSocketContainer()}. */
    public ClientProvider() {
    }

    @Override
    protected WebSocketContainer getContainer() {
        return getContainer(System.getenv(), ConfigSources.systemProperties(System.getProperties()));
    }

    /** {@link #getContainer()} from the given environment and system properties instead of the process's. */
    WebSocketContainer getContainer(Map<String, String> environment, Map<String, String> systemProperties) {
        if (!Boolean.parseBoolean(systemProperties.getOrDefault(ENABLED_PROPERTY, "true"))) {
            return null;
        }
        return new WsClientContainer(ClientConfig.builder(environment, systemProperties).build(), ClientTransport.shared());
    }
}
