package io.wssocket.server;

import io.wssocket.session.UserPropertiesOnDemand;
import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One connection's view of a deployed {@link ServerEndpointConfig}: everything is the deployed
 * configuration's except the user properties, which start as a copy of its properties (made when first asked for, when there is nothing to copy). So what
 * {@code Configurator.modifyHandshake} puts there reaches this connection's session (its user
 * properties start from this copy, Jakarta WebSocket 2.2 §2.1.1) and no other connection.
 */
final class ConnectionEndpointConfig implements ServerEndpointConfig, UserPropertiesOnDemand {
    private static final VarHandle USER_PROPERTIES;

    static {
        try {
            USER_PROPERTIES = MethodHandles.lookup().findVarHandle(ConnectionEndpointConfig.class, "userProperties", Map.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ServerEndpointConfig deployed;
    /**
     * Null until asked for when the deployed configuration has none: most endpoints have none, and
     * an empty map per connection would be 64 bytes held for the connection's life.
     */
    private volatile Map<String, Object> userProperties;

    ConnectionEndpointConfig(ServerEndpointConfig deployed) {
        this.deployed = deployed;
        if (!deployed.getUserProperties().isEmpty()) {
            this.userProperties = copyOf(deployed.getUserProperties());
        }
    }

    private static Map<String, Object> copyOf(Map<String, Object> properties) {
        Map<String, Object> copy = new ConcurrentHashMap<>();
        // ConcurrentHashMap takes no null values; a null-valued property is left out.
        properties.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }

    /**
     * The user properties as they are, for reading only: an empty map, not a new one, when none
     * were made.
     */
    Map<String, Object> userPropertiesSoFar() {
        Map<String, Object> properties = userProperties;
        return properties == null ? Map.of() : properties;
    }

    @Override
    public boolean hasUserProperties() {
        Map<String, Object> properties = userProperties;
        return properties != null && !properties.isEmpty();
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
        return UserPropertiesOnDemand.madeOnDemand(USER_PROPERTIES, this);
    }

    @Override
    public String toString() {
        return "ServerEndpointConfig[" + getEndpointClass().getName() + " " + getPath() + ", this connection's]";
    }
}
