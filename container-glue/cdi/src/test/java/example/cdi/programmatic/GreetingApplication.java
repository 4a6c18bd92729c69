package example.cdi.programmatic;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;

/** One endpoint class under three configurations: the default configurator, one that only modifies the handshake, one that creates the instance. */
public class GreetingApplication implements ServerApplicationConfig {
    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
        return Set.of(
                ServerEndpointConfig.Builder.create(GreetingEndpoint.class, "/greeting").build(),
                ServerEndpointConfig.Builder.create(GreetingEndpoint.class, "/configured")
                        .configurator(new HeaderConfigurator()).build(),
                ServerEndpointConfig.Builder.create(GreetingEndpoint.class, "/own")
                        .configurator(new OwnInstanceConfigurator()).build());
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return scanned;
    }
}
