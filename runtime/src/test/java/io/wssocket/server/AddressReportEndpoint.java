package io.wssocket.server;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Tells the client, in its first message, what the session's address properties hold: "remote|peer". */
public class AddressReportEndpoint extends Endpoint {
    @Override
    public void onOpen(Session session, EndpointConfig config) {
        try {
            session.getBasicRemote().sendText(session.getUserProperties().get(WebSocketServer.REMOTE_ADDRESS_PROPERTY) + "|"
                    + session.getUserProperties().get(WebSocketServer.PEER_ADDRESS_PROPERTY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
