package io.wssocket.interop;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Jetty 12.1's ee10 Jakarta WebSocket server against the client container under test. */
class JettyServerInteropTest extends ServerInteropCases {
    @RegisterExtension
    static final PeerServerExtension server = new PeerServerExtension(JettyServerPeer::new);

    @Override
    PeerServerExtension server() {
        return server;
    }
}
