package io.wssocket.hostile;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/** A chat room: sends every text message it gets to every open session of the endpoint, with the async remote. */
public class BroadcastToAll extends Endpoint {
    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, message -> {
            for (Session each : session.getOpenSessions()) {
                each.getAsyncRemote().sendText(message); // a full queue fails this send only
            }
        });
    }
}
