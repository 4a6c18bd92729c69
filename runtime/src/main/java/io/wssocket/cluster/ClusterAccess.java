package io.wssocket.cluster;

/** A container whose sessions can reach a {@link Cluster}: the WS Socket server's container. */
public interface ClusterAccess {

    /**
     * The cluster of this container's server.
     *
     * @return the cluster
     * @throws IllegalStateException when the server has no cluster (no {@code cluster-name})
     */
    Cluster cluster();
}
