package io.wssocket.interop;

/** WS Socket's own server against the client container under test (ours): both ends are ours. */
class WsSocketServerInteropTest extends ServerInteropCases {
    @Override
    PeerServer newServer() {
        return new WsSocketServerPeer();
    }
}
