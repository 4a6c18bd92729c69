package io.wssocket.cdi.broken;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

@ServerEndpoint(value = "/refused", configurator = RefusingServerConfigurator.class)
public class RefusedEndpoint {
    @OnMessage
    public String onMessage(String text) {
        return text;
    }
}
