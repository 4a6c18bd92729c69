package io.wssocket.servlet.cdi.app;

import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;

/** Sends what its configurator stamped on the handshake. */
@ServerEndpoint(value = "/stamped", configurator = StampingConfigurator.class)
public class StampedEndpoint {
    @OnOpen
    public void open(Session session, EndpointConfig config) throws IOException {
        session.getBasicRemote().sendText(String.valueOf(config.getUserProperties().get("stamp")));
    }
}
