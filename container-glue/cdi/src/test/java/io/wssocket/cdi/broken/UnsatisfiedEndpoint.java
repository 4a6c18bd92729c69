package io.wssocket.cdi.broken;

import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

@ServerEndpoint("/unsatisfied")
public class UnsatisfiedEndpoint {
    @Inject
    Missing missing;

    @OnMessage
    public String onMessage(String text) {
        return text;
    }
}
