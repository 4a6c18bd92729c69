package io.wssocket.deploy.halfbroken;

import io.wssocket.deploy.sample.GreetingEndpoint;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;

/** One good endpoint and two that claim the same path: the application must deploy none of them. */
public class HalfBrokenApplication implements ServerApplicationConfig {
    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
        return Set.of(ServerEndpointConfig.Builder.create(GreetingEndpoint.class, "/good").build(),
                ServerEndpointConfig.Builder.create(GreetingEndpoint.class, "/twice").build(),
                ServerEndpointConfig.Builder.create(GreetingEndpoint.class, "/twice").build());
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return Set.of();
    }
}
