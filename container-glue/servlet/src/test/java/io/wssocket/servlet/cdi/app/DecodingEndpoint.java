package io.wssocket.servlet.cdi.app;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Receives what {@link NameDecoder} made. */
@ServerEndpoint(value = "/decode", decoders = NameDecoder.class)
public class DecodingEndpoint {
    @OnMessage
    public String decoded(Name name) {
        return "decoded " + name.value();
    }
}
