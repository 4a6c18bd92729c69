package io.wssocket.cluster;

import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Messaging across every node of a cluster of WS Socket servers (option {@code cluster-name} and
 * a cluster transport such as wssocket-hazelcast on the class path): broadcast to an endpoint's
 * sessions or to a named group on every node, send to one session wherever it lives, and who is
 * present where. Sessions stay on the node that holds their connection; the cluster carries the
 * messages. {@code Session.getOpenSessions()} stays local, as the Jakarta spec defines it.
 *
 * <p>Guarantees: the messages one node publishes reach each session in the order they were
 * published (whichever node the session is on); a message reaches the sessions open on the
 * nodes that are in the cluster when it is delivered, so nodes that stay up keep receiving
 * while another one is down. A session that is not open when its message arrives does not get
 * it, and nothing is replayed to a session opened later. The transport's documentation says
 * which failures it survives.
 *
 * <p>Scopes: an endpoint's path is its full path as deployed (context path included; for a
 * template, the template itself, such as {@code /rooms/{id}}); a group is any name the
 * application chooses, joined with {@link #join}.
 */
public interface Cluster {

    /**
     * The cluster of the server {@code session} belongs to.
     *
     * @param session a server session
     * @return its server's cluster
     * @throws IllegalStateException when the server has no cluster (no {@code cluster-name})
     */
    static Cluster of(Session session) {
        if (session.getContainer() instanceof ClusterAccess access) {
            return access.cluster();
        }
        throw new IllegalStateException("session " + session.getId() + " does not belong to a WS Socket server");
    }

    /**
     * This node's id in the cluster.
     *
     * @return the id
     */
    String nodeId();

    /**
     * Sends {@code text} to every open session of the endpoint at {@code path} on every node.
     *
     * @param path the endpoint's full path
     * @param text the message
     */
    void broadcast(String path, String text);

    /**
     * Sends {@code data} as a binary message to every open session of the endpoint at
     * {@code path} on every node.
     *
     * @param path the endpoint's full path
     * @param data the message, from its position to its limit (not changed)
     */
    void broadcast(String path, ByteBuffer data);

    /**
     * Sends {@code text} to every session in {@code group} on every node.
     *
     * @param group the group's name
     * @param text the message
     */
    void broadcastToGroup(String group, String text);

    /**
     * Sends {@code data} as a binary message to every session in {@code group} on every node.
     *
     * @param group the group's name
     * @param data the message, from its position to its limit (not changed)
     */
    void broadcastToGroup(String group, ByteBuffer data);

    /**
     * Sends {@code text} to the session with id {@code sessionId}, on whichever node it is open;
     * nothing happens when no node has it open.
     *
     * @param sessionId the session's id ({@code Session.getId()}, unique across the cluster)
     * @param text the message
     */
    void sendTo(String sessionId, String text);

    /**
     * Sends {@code data} as a binary message to the session with id {@code sessionId}, on whichever
     * node it is open.
     *
     * @param sessionId the session's id
     * @param data the message, from its position to its limit (not changed)
     */
    void sendTo(String sessionId, ByteBuffer data);

    /**
     * Adds a session of this node to {@code group}, until it leaves or closes.
     *
     * @param session an open session of this node's server
     * @param group the group's name
     */
    void join(Session session, String group);

    /**
     * Removes a session of this node from {@code group}.
     *
     * @param session the session
     * @param group the group's name
     */
    void leave(Session session, String group);

    /**
     * The ids of the sessions open at the endpoint at {@code path} on every node.
     *
     * @param path the endpoint's full path
     * @return the ids, a snapshot
     */
    Set<String> sessions(String path);

    /**
     * The ids of the sessions in {@code group} on every node.
     *
     * @param group the group's name
     * @return the ids, a snapshot
     */
    Set<String> groupMembers(String group);

    /**
     * Tells {@code listener} of every session that joins or leaves an endpoint's path or a group on
     * any node, on one thread at a time, from now until the returned handle is closed.
     *
     * <p>Events are changes of the cluster's presence, which each node records shortly after its
     * sessions change, with their latest state: changes that undo each other before their node
     * records them (a session that opens and closes, or joins and leaves a group, within that
     * moment) are never recorded and bring no event. Every join told is followed by its leave,
     * when the session leaves, closes, or its node leaves the cluster or is found gone.
     *
     * @param listener told of each change
     * @return stops the listening
     */
    Subscription onPresence(Consumer<PresenceEvent> listener);

    /** Ends a {@link #onPresence} listening. */
    @FunctionalInterface
    interface Subscription extends AutoCloseable {
        /** The listener is told nothing more. */
        @Override
        void close();
    }
}
