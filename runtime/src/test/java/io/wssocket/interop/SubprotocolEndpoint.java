package io.wssocket.interop;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Supports one subprotocol and, once open, tells the client which one its session negotiated. */
public class SubprotocolEndpoint extends Endpoint {
    static final String SUPPORTED = "chat.v2";

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        try {
            session.getBasicRemote().sendText(session.getNegotiatedSubprotocol());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
