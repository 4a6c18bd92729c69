package io.wssocket.cdi.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import java.util.concurrent.atomic.AtomicInteger;

/** An explicit scope is honoured: every connection talks to the one instance. */
@ApplicationScoped
@ServerEndpoint("/shared")
public class Shared {
    private final AtomicInteger messages = new AtomicInteger();

    @OnMessage
    public String onMessage(String text) {
        return "shared " + messages.incrementAndGet();
    }
}
