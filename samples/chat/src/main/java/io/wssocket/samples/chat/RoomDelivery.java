package io.wssocket.samples.chat;

import io.wssocket.cluster.Cluster;
import jakarta.websocket.Session;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * How the room's events reach its members: to this node's sessions only, or, when the server is
 * part of a cluster, to the room's members on every node through {@link Cluster}.
 */
interface RoomDelivery {
    /** The cluster group the room's members join on every node. */
    String GROUP = "chat-room";

    /** The member joined on this node; returns how many members the room has now, it included. */
    int joined(Session member);

    /** The member left on this node; returns how many members the room has now, it excluded. */
    int left(Session member);

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
        public int joined(Session member) {
            return local.size(); // the room has added it
        }

        @Override
        public int left(Session member) {
            return local.size(); // the room has removed it
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
        public int joined(Session member) {
            cluster.join(member, GROUP);
            return count(member, true);
        }

        @Override
        public int left(Session member) {
            cluster.leave(member, GROUP);
            return count(member, false);
        }

        /**
         * The cluster records presence in the background: what it knows of the others, with this
         * member's own change applied.
         */
        private int count(Session member, boolean in) {
            Set<String> ids = new HashSet<>(cluster.groupMembers(GROUP));
            if (in) {
                ids.add(member.getId());
            } else {
                ids.remove(member.getId());
            }
            return ids.size();
        }

        @Override
        public void broadcast(String event) {
            cluster.broadcastToGroup(GROUP, event);
        }
    }
}
