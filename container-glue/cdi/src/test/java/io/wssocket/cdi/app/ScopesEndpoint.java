package io.wssocket.cdi.app;

import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.server.ServerEndpoint;

/** Answers each message with the ids of its request- and connection-scoped beans. */
@ServerEndpoint("/scopes")
public class ScopesEndpoint {
    @Inject
    PerCallback request;
    @Inject
    PerConnection connection;

    @OnOpen
    public void open() {
        connection.countMessage(); // the connection scope is active in onOpen too
    }

    @OnMessage
    public String onMessage(String text) {
        return "request=" + request.id() + " connection=" + connection.id() + " count=" + connection.countMessage();
    }
}
