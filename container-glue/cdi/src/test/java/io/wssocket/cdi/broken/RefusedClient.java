package io.wssocket.cdi.broken;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.OnMessage;

@ClientEndpoint(configurator = RefusingClientConfigurator.class)
public class RefusedClient {
    @OnMessage
    public void onMessage(String text) {
        // never opened
    }
}
