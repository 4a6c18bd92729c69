package io.wssocket.interop;

import java.util.Map;
import org.glassfish.tyrus.core.TyrusServerEndpointConfigurator;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.ServerContainer;
import org.glassfish.tyrus.spi.ServerContainerFactory;

/**
 * Tyrus's server on Grizzly (tyrus-container-grizzly-server), found by
 * {@link ServerContainerFactory} as in a standalone Tyrus application.
 *
 * <p>Tyrus 2.2.0 binds its Grizzly listener to {@code 0.0.0.0} whatever the caller asks
 * ({@code GrizzlyServerContainer.start} builds {@code new NetworkListener("grizzly", "0.0.0.0", port)},
 * and the add-on that plugs Tyrus into a listener of one's own has a package-private
 * constructor), so this peer listens on every interface; the cases connect over loopback only.
 */
final class TyrusServerPeer implements PeerServer {
    private ServerContainer container;

    @Override
    public int start() throws Exception {
        // Tyrus buffers each incoming frame whole and fails the connection with 1009 beyond
        // this size, 4 MiB by default.
        container = ServerContainerFactory.createServerContainer(
                Map.of(TyrusWebSocketEngine.INCOMING_BUFFER_SIZE, PeerServerEndpoints.MAX_MESSAGE));
        PeerServerEndpoints.deploy(container, TyrusServerEndpointConfigurator::new);
        container.start("/", 0);
        return ((TyrusServerContainer) container).getPort();
    }

    @Override
    public void stop() {
        if (container != null) {
            container.stop();
        }
    }
}
