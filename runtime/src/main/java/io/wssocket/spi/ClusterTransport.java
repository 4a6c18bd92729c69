package io.wssocket.spi;

import java.util.Set;

/**
 * A connection of one server to a cluster, made by a {@link ClusterTransportProvider}: what the
 * runtime needs of a messaging engine to give applications {@code io.wssocket.cluster.Cluster}.
 * It carries opaque messages and a presence table; which sessions a message reaches is decided
 * by the runtime on each node.
 *
 * <p>Guarantees the runtime relies on: messages published by one node reach every node's
 * {@link Receiver#message} in the order they were published, and the receiver of one node is
 * called by one thread at a time. Presence is the transport's to keep: what a node recorded with
 * {@link #present} stays recorded until {@link #absent} or the node leaves, and a transport whose
 * engine may lose it (a split of the cluster, a node taken for gone while it lived) records it
 * again when the engine is whole, and tells each node's receiver what changed meanwhile. What
 * survives a failure is the transport's to say in its documentation.
 */
public interface ClusterTransport extends AutoCloseable {

    /**
     * This node's id in the cluster, stable while the transport is open.
     *
     * @return the id
     */
    String nodeId();

    /**
     * Sends {@code message} to every node of the cluster, this one included; returns when the
     * engine has taken it (the order of publishes from one thread is kept).
     *
     * @param message the encoded message; not changed by the caller afterwards
     * @throws IllegalStateException when the transport is closed or cannot publish
     */
    void publish(byte[] message);

    /**
     * Records that a session of this node is present in {@code scope}; every node's
     * {@link Receiver#presence} is told. It is this node's presence from now on even when the
     * engine fails to record it at once (its exception is thrown): the transport records it when
     * it can.
     *
     * @param scope an endpoint path or group, as the runtime names it
     * @param sessionId the session's id
     */
    void present(String scope, String sessionId);

    /**
     * Removes what {@link #present} recorded; nothing happens when it is not there. Like
     * {@link #present}, it holds from now on even when the engine fails at once.
     *
     * @param scope as given to {@link #present}
     * @param sessionId the session's id
     */
    void absent(String scope, String sessionId);

    /**
     * The ids of the sessions present in {@code scope} on every node, a snapshot.
     *
     * @param scope the scope
     * @return the ids
     */
    Set<String> presentIn(String scope);

    /** Leaves the cluster; the presence this node recorded is removed by the others. */
    @Override
    void close();

    /** What a node is told by the transport. */
    interface Receiver {
        /**
         * A message published by any node, this one included.
         *
         * @param message the bytes given to {@link #publish}
         */
        void message(byte[] message);

        /**
         * A session joined or left a scope on some node (a node that left the cluster leaves
         * every scope its sessions were in). A node is told a session's join and leave
         * alternately: a join after its leave only when it is present again.
         *
         * @param scope the scope
         * @param sessionId the session's id
         * @param joined true for a join, false for a leave
         */
        void presence(String scope, String sessionId, boolean joined);
    }
}
