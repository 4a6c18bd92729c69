package io.wssocket.servlet.cdi.app;

import jakarta.inject.Inject;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/** Made when the endpoint is deployed, which may be before the application's CDI has started. */
public class StampingConfigurator extends ServerEndpointConfig.Configurator {
    @Inject
    Greetings greetings;

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        config.getUserProperties().put("stamp", greetings == null ? "not injected" : greetings.greet("configurator"));
    }
}
