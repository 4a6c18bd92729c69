package io.wssocket.cdi.broken;

import jakarta.annotation.PostConstruct;
import jakarta.websocket.server.ServerEndpointConfig;

/** Has a no-argument constructor; what fails is its @PostConstruct, which CDI runs. */
public class RefusingServerConfigurator extends ServerEndpointConfig.Configurator {
    @PostConstruct
    void checkSettings() {
        throw new IllegalStateException("no allowed origins configured");
    }
}
