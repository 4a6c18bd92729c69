package io.wssocket.cdi.app;

import io.wssocket.cluster.Cluster;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** Joins the group "cdi-room" and broadcasts each message to it, through the injected cluster. */
@ServerEndpoint("/cluster-room")
public class ClusterRoomEndpoint {
    @Inject
    Cluster cluster;

    @OnOpen
    public void open(Session session) {
        cluster.join(session, "cdi-room");
    }

    @OnMessage
    public void onMessage(String text) {
        cluster.broadcastToGroup("cdi-room", text);
    }
}
