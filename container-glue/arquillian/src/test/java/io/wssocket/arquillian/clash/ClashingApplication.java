package io.wssocket.arquillian.clash;

import io.wssocket.arquillian.app.EchoEndpoint;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;

/** A valid endpoint at {@code /echo} and two at {@code /twice}: the runtime must refuse the whole application. */
public class ClashingApplication implements ServerApplicationConfig {
    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
        return Set.of(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build(),
                ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/twice").build(),
                ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/twice").build());
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return Set.of();
    }
}
