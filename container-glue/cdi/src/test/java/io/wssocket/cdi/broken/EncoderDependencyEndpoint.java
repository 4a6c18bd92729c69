package io.wssocket.cdi.broken;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

@ServerEndpoint(value = "/encoder-dependency", encoders = MissingEncoder.class)
public class EncoderDependencyEndpoint {
    @OnMessage
    public String onMessage(String text) {
        return text;
    }
}
