package io.wssocket.interop;

import io.wssocket.server.DefaultServerConfigurator;
import io.wssocket.server.WebSocketServer;

/**
 * WS Socket's own server, so that our client meets our server through the same cases as the peers;
 * with permessage-deflate explicitly on, as the other peer servers have theirs.
 */
final class WsSocketServerPeer implements PeerServer {
    private WebSocketServer server;

    @Override
    public int start(Scheme scheme) throws Exception {
        server = WebSocketServer.create(InteropEndpoints.config(scheme)
                .maxFrameSize(PeerServerEndpoints.MAX_MESSAGE).maxMessageSize(PeerServerEndpoints.MAX_MESSAGE)
                .permessageDeflate(true).deflateThreshold(DeflateCases.THRESHOLD).build());
        PeerServerEndpoints.deploy(server.container(), DefaultServerConfigurator::new);
        server.start();
        return server.port();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
