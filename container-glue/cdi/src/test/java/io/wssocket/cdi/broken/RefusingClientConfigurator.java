package io.wssocket.cdi.broken;

import jakarta.annotation.PostConstruct;
import jakarta.websocket.ClientEndpointConfig;

/** Has a no-argument constructor; what fails is its @PostConstruct, which CDI runs. */
public class RefusingClientConfigurator extends ClientEndpointConfig.Configurator {
    @PostConstruct
    void checkSettings() {
        throw new IllegalStateException("no client token configured");
    }
}
