package io.wssocket.cdi.app;

import jakarta.inject.Inject;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/** Injected too; its getEndpointInstance is the container's default, so the endpoint still comes from CDI. */
public class GreetingConfigurator extends ServerEndpointConfig.Configurator {
    @Inject
    Greeter greeter;

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        response.getHeaders().put("X-Greeting", List.of(greeter.greet("handshake")));
    }
}
