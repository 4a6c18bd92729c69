package io.wssocket.interop;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Says which subprotocol the handshake selected, as the text {@code subprotocol <name>}, as soon as it opens. */
public class SubprotocolReportEndpoint extends Endpoint {
    @Override
    public void onOpen(Session session, EndpointConfig config) {
        try {
            session.getBasicRemote().sendText("subprotocol " + session.getNegotiatedSubprotocol());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
