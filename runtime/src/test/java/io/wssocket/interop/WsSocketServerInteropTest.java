package io.wssocket.interop;

import org.junit.jupiter.api.extension.RegisterExtension;

/** WS Socket's own server against the client container under test (ours): both ends are ours. */
class WsSocketServerInteropTest extends ServerInteropCases {
    @RegisterExtension
    static final PeerServerExtension server = new PeerServerExtension(WsSocketServerPeer::new);

    @Override
    PeerServerExtension server() {
        return server;
    }
}
