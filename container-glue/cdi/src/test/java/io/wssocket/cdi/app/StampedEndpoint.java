package io.wssocket.cdi.app;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

@ServerEndpoint(value = "/stamped", configurator = StampingConfigurator.class)
public class StampedEndpoint {
    @OnMessage
    public String onMessage(String text) {
        return text;
    }
}
