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
 * called by one thread at a time. What survives a failure is the transport's to say in its
 * documentation.
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
     * {@link Receiver#presence} is told.
     *
     * @param scope an endpoint path or group, as the runtime names it
     * @param sessionId the session's id
     */
    void present(String scope, String sessionId);

    /**
     * Removes what {@link #present} recorded; nothing happens when it is not there.
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
         * every scope its sessions were in).
         *
         * @param scope the scope
         * @param sessionId the session's id
         * @param joined true for a join, false for a leave
         */
        void presence(String scope, String sessionId, boolean joined);

        /**
         * What this node recorded with {@link #present} may have been removed by the others, which
         * took this node for gone (its lease expired while it was cut off): the runtime records its
         * sessions' presence again. Nothing by default.
         */
        default void presenceLost() {
        }
    }
}
