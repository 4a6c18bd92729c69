package io.wssocket.interop;

import io.wssocket.server.DefaultServerConfigurator;
import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;

/** WS Socket's own server, so that our client meets our server through the same cases as the peers. */
final class WsSocketServerPeer implements PeerServer {
    private WebSocketServer server;

    @Override
    public int start() throws Exception {
        server = WebSocketServer.create(ServerConfig.builder().host("127.0.0.1").port(0)
                .maxFrameSize(PeerServerEndpoints.MAX_MESSAGE).maxMessageSize(PeerServerEndpoints.MAX_MESSAGE).build());
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
