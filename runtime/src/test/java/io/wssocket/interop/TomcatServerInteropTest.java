package io.wssocket.interop;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Embedded Tomcat 11's WebSocket server against the client container under test. */
class TomcatServerInteropTest extends ServerInteropCases {
    @RegisterExtension
    static final PeerServerExtension server = new PeerServerExtension(TomcatServerPeer::new);

    @Override
    PeerServerExtension server() {
        return server;
    }
}
