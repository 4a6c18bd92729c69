package io.wssocket.samples.secure;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** Echoes text to the authenticated user, by name. */
@ServerEndpoint(value = "/secure-echo", subprotocols = "echo.v1")
public class SecureEchoEndpoint {
    @OnMessage
    public String echo(String message, Session session) {
        return session.getUserPrincipal().getName() + ": " + message;
    }
}
