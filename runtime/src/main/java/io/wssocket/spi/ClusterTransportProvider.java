package io.wssocket.spi;

import java.io.IOException;

/**
 * Makes {@link ClusterTransport}s, found with {@code ServiceLoader} on the runtime's class loader
 * (on the module path: a module that {@code provides io.wssocket.spi.ClusterTransportProvider}) by
 * a server configured with a {@code cluster-name}. At most one is used.
 */
public interface ClusterTransportProvider {

    /**
     * Joins (or connects to) the cluster {@code settings} name.
     *
     * @param settings the cluster's name, members and this node's address
     * @param receiver told of messages and presence from now on
     * @return the open transport
     * @throws IOException naming what could not be joined and why
     */
    ClusterTransport join(ClusterSettings settings, ClusterTransport.Receiver receiver) throws IOException;
}
