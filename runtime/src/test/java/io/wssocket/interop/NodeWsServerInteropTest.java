package io.wssocket.interop;

/** The Node.js ws 8 server against the client container under test. */
class NodeWsServerInteropTest extends ServerInteropCases {
    @Override
    PeerServer newServer() {
        return new NodeWsServerPeer();
    }
}
