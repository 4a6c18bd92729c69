package io.wssocket.interop;

import org.junit.jupiter.api.extension.RegisterExtension;

/** Tyrus 2.2 server on Grizzly against the client container under test. */
class TyrusServerInteropTest extends ServerInteropCases {
    @RegisterExtension
    static final PeerServerExtension server = new PeerServerExtension(TyrusServerPeer::new);

    @Override
    PeerServerExtension server() {
        return server;
    }
}
