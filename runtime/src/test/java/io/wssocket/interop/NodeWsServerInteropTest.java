package io.wssocket.interop;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The Node.js ws 8 server against the client container under test. */
class NodeWsServerInteropTest extends ServerInteropCases {
    @RegisterExtension
    static final PeerServerExtension server = new PeerServerExtension(NodeWsServerPeer::new);

    @Override
    PeerServerExtension server() {
        return server;
    }
}
