package io.wssocket.servlet.cdi.app;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** A @Dependent bean: one per connection, destroyed when its session closes. */
@Dependent
@ServerEndpoint("/lifecycle")
public class LifecycleEndpoint {
    @Inject
    PerCallback request;

    @PostConstruct
    void constructed() {
        Lifecycle.EVENTS.add("endpoint constructed");
    }

    @PreDestroy
    void destroyed() {
        Lifecycle.EVENTS.add("endpoint destroyed");
    }

    @OnMessage
    public String request(String ignored) {
        return "request " + request.id();
    }
}
