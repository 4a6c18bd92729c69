package io.wssocket.interop;

import io.wssocket.test.TestCertificates;
import java.util.List;
import org.glassfish.tyrus.container.grizzly.server.LoopbackTyrusServer;
import org.glassfish.tyrus.core.TyrusServerEndpointConfigurator;
import org.glassfish.tyrus.ext.extension.deflate.PerMessageDeflateExtension;

/**
 * Tyrus's server on Grizzly, listening on loopback ({@link LoopbackTyrusServer}: Tyrus's own
 * Grizzly container would listen on every interface); over wss, Grizzly's listener does TLS with
 * the test certificate. The endpoints are deployed as Tyrus deploys them by default, without
 * extensions, and again under {@value #DEFLATE_PREFIX} with Tyrus's permessage-deflate
 * ({@code tyrus-extension-deflate}) in their configuration.
 */
final class TyrusServerPeer implements PeerServer {
    private static final String DEFLATE_PREFIX = "/deflate";

    private LoopbackTyrusServer container;

    @Override
    public int start(Scheme scheme) throws Exception {
        // Tyrus buffers each incoming frame whole and fails the connection with 1009 beyond
        // this size, 4 MiB by default.
        container = scheme == Scheme.WSS
                ? LoopbackTyrusServer.overTls(PeerServerEndpoints.MAX_MESSAGE, TestCertificates.localhost().serverContext())
                : LoopbackTyrusServer.plain(PeerServerEndpoints.MAX_MESSAGE);
        PeerServerEndpoints.deploy(container, TyrusServerEndpointConfigurator::new);
        // Tyrus's server negotiates only the extensions an endpoint's configuration lists.
        PeerServerEndpoints.deploy(container, TyrusServerEndpointConfigurator::new, DEFLATE_PREFIX,
                List.of(new PerMessageDeflateExtension()));
        container.start("/", 0);
        return container.getPort();
    }

    @Override
    public String deflatePrefix() {
        return DEFLATE_PREFIX;
    }

    @Override
    public void stop() {
        if (container != null) {
            container.stop();
        }
    }
}
