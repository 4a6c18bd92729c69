package io.wssocket.server;

import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One connection's view of a deployed {@link ServerEndpointConfig}: everything is the deployed
 * configuration's except the user properties, which start as a copy of its properties. So what
 * {@code Configurator.modifyHandshake} puts there reaches this connection's session (its user
 * properties start from this copy, Jakarta WebSocket 2.2 §2.1.1) and no other connection.
 */
final class ConnectionEndpointConfig implements ServerEndpointConfig {
    private final ServerEndpointConfig deployed;
    private final Map<String, Object> userProperties;

    ConnectionEndpointConfig(ServerEndpointConfig deployed) {
        this.deployed = deployed;
        Map<String, Object> copy = new ConcurrentHashMap<>();
        // ConcurrentHashMap takes no null values; a null-valued property is left out.
        deployed.getUserProperties().forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        this.userProperties = copy;
    }

    @Override
    public Class<?> getEndpointClass() {
        return deployed.getEndpointClass();
    }

    @Override
    public String getPath() {
        return deployed.getPath();
    }

    @Override
    public List<String> getSubprotocols() {
        return deployed.getSubprotocols();
    }

    @Override
    public List<Extension> getExtensions() {
        return deployed.getExtensions();
    }

    @Override
    public Configurator getConfigurator() {
        return deployed.getConfigurator();
    }

    @Override
    public List<Class<? extends Encoder>> getEncoders() {
        return deployed.getEncoders();
    }

    @Override
    public List<Class<? extends Decoder>> getDecoders() {
        return deployed.getDecoders();
    }

    @Override
    public Map<String, Object> getUserProperties() {
        return userProperties;
    }

    @Override
    public String toString() {
        return "ServerEndpointConfig[" + getEndpointClass().getName() + " " + getPath() + ", this connection's]";
    }
}
