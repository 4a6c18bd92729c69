package io.wssocket.cdi.app;

import io.wssocket.cluster.Cluster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/** Uses the cluster from outside any endpoint. */
@ApplicationScoped
public class RoomRoster {
    @Inject
    Cluster cluster;

    public Set<String> members() {
        return cluster.groupMembers("cdi-room");
    }

    public void announce(String text) {
        cluster.broadcastToGroup("cdi-room", text);
    }
}
