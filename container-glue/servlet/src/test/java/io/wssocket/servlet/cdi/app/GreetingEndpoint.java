package io.wssocket.servlet.cdi.app;

import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Not a bean (no bean defining annotation): made as a non-contextual instance, injected all the same. */
@ServerEndpoint("/greet")
public class GreetingEndpoint {
    @Inject
    Greetings greetings;

    @OnMessage
    public String greet(String name) {
        return greetings == null ? "no CDI: " + name : greetings.greet(name);
    }
}
