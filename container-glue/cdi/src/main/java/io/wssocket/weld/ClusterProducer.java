package io.wssocket.weld;

import io.wssocket.cluster.Cluster;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * Makes the cluster of the application's server injectable ({@code @Inject Cluster}). Always among
 * the container's bean classes.
 */
final class ClusterProducer {
    /**
     * {@code @ApplicationScoped}: beans are made at deployment, before the server has joined its
     * cluster at start, so what is injected is CDI's client proxy and the server's cluster is
     * looked up at its first use. Used on a server without a cluster, it throws saying so.
     */
    @Produces
    @ApplicationScoped
    Cluster cluster(BeanManager beans) {
        return beans.getExtension(EndpointExtension.class).sessions().cluster();
    }
}
