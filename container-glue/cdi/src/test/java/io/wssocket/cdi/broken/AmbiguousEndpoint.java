package io.wssocket.cdi.broken;

import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

@ServerEndpoint("/ambiguous")
public class AmbiguousEndpoint {
    @Inject
    Shape shape;

    @OnMessage
    public String onMessage(String text) {
        return text;
    }
}
