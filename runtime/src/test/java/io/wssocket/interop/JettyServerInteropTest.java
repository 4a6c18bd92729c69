package io.wssocket.interop;

/** Jetty 12.1's ee10 Jakarta WebSocket server against the client container under test. */
class JettyServerInteropTest extends ServerInteropCases {
    @Override
    PeerServer newServer() {
        return new JettyServerPeer();
    }
}
