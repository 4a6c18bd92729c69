package io.wssocket.client;

import io.wssocket.server.ServerConfig;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import java.util.Map;

/**
 * Found by {@code ContainerProvider.getWebSocketContainer()} through
 * {@code META-INF/services/jakarta.websocket.ContainerProvider}: each call gives a new
 * {@link WsClientContainer}, configured from the {@code wssocket.*} system properties of that
 * moment, running on the JVM's shared client event loops.
 */
public final class ClientProvider extends ContainerProvider {
    @Override
    protected WebSocketContainer getContainer() {
        return new WsClientContainer(ServerConfig.fromSources(System.getProperties(), Map.of()), ClientTransport.shared());
    }
}
