package io.wssocket.interop;

/** Embedded Tomcat 11's WebSocket server against the client container under test. */
class TomcatServerInteropTest extends ServerInteropCases {
    @Override
    PeerServer newServer() {
        return new TomcatServerPeer();
    }
}
