package io.wssocket.interop;

import io.wssocket.test.TestCertificates;
import org.glassfish.tyrus.container.grizzly.server.LoopbackTyrusServer;
import org.glassfish.tyrus.core.TyrusServerEndpointConfigurator;

/**
 * Tyrus's server on Grizzly, listening on loopback ({@link LoopbackTyrusServer}: Tyrus's own
 * Grizzly container would listen on every interface); over wss, Grizzly's listener does TLS with
 * the test certificate.
 */
final class TyrusServerPeer implements PeerServer {
    private LoopbackTyrusServer container;

    @Override
    public int start(Scheme scheme) throws Exception {
        // Tyrus buffers each incoming frame whole and fails the connection with 1009 beyond
        // this size, 4 MiB by default.
        container = scheme == Scheme.WSS
                ? LoopbackTyrusServer.overTls(PeerServerEndpoints.MAX_MESSAGE, TestCertificates.localhost().serverContext())
                : LoopbackTyrusServer.plain(PeerServerEndpoints.MAX_MESSAGE);
        PeerServerEndpoints.deploy(container, TyrusServerEndpointConfigurator::new);
        container.start("/", 0);
        return container.getPort();
    }

    @Override
    public void stop() {
        if (container != null) {
            container.stop();
        }
    }
}
