package io.wssocket.weld;

import io.wssocket.cluster.Cluster;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;

/**
 * Makes the cluster of the application's server injectable ({@code @Inject Cluster}). Always among
 * the container's bean classes; using the bean on a server without a cluster throws
 * {@code IllegalStateException} saying so.
 */
final class ClusterProducer {
    /** {@code @Singleton}: one object that finds the server's cluster on each call, with no client proxy in front. */
    @Produces
    @Singleton
    Cluster cluster(BeanManager beans) {
        return beans.getExtension(EndpointExtension.class).sessions().cluster();
    }
}
