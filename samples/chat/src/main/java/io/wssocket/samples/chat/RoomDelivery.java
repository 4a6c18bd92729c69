package io.wssocket.samples.chat;

import io.wssocket.cluster.Cluster;
import jakarta.websocket.Session;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * How the room's events reach its members: to this node's sessions only, or, when the server is
 * part of a cluster, to the room's members on every node through {@link Cluster}.
 */
interface RoomDelivery {
    /** The cluster group the room's members join on every node. */
    String GROUP = "chat-room";

    /** The member joined on this node. */
    void joined(Session member);

    /** The member left on this node. */
    void left(Session member);

    /** How many members the room has (on every node, in a cluster). */
    int members();

    /** Sends {@code event} to every member. */
    void broadcast(String event);

    /**
     * Local delivery when {@code session}'s server has no cluster, cluster delivery when it has;
     * {@code local} holds this node's members and {@code send} sends to one of them.
     */
    static RoomDelivery forServerOf(Session session, Set<Session> local, BiConsumer<Session, String> send) {
        try {
            return new Clustered(Cluster.of(session));
        } catch (IllegalStateException noCluster) {
            return new Local(local, send);
        }
    }

    /** One node: the room is this node's members. */
    record Local(Set<Session> local, BiConsumer<Session, String> send) implements RoomDelivery {
        @Override
        public void joined(Session member) {
            // already in local
        }

        @Override
        public void left(Session member) {
            // already out of local
        }

        @Override
        public int members() {
            return local.size();
        }

        @Override
        public void broadcast(String event) {
            for (Session member : local) {
                send.accept(member, event);
            }
        }
    }

    /** A cluster: the room is a group spread over the nodes. */
    record Clustered(Cluster cluster) implements RoomDelivery {
        @Override
        public void joined(Session member) {
            cluster.join(member, GROUP);
        }

        @Override
        public void left(Session member) {
            cluster.leave(member, GROUP);
        }

        @Override
        public int members() {
            return cluster.groupMembers(GROUP).size();
        }

        @Override
        public void broadcast(String event) {
            cluster.broadcastToGroup(GROUP, event);
        }
    }
}
