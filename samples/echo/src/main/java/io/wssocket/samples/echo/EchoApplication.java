package io.wssocket.samples.echo;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;

/** Tells the server which endpoints this jar deploys, and where: the echo endpoint at /echo. */
public class EchoApplication implements ServerApplicationConfig {
    public static final String PATH = "/echo";

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
        return Set.of(ServerEndpointConfig.Builder.create(EchoEndpoint.class, PATH).build());
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return Set.of();
    }
}
