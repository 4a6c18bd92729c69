package io.wssocket.interop;

/** Tyrus 2.2 server on Grizzly against the client container under test. */
class TyrusServerInteropTest extends ServerInteropCases {
    @Override
    PeerServer newServer() {
        return new TyrusServerPeer();
    }
}
