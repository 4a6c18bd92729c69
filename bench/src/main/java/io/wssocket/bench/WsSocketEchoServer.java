package io.wssocket.bench;

import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.nio.file.Path;

/**
 * WS Socket's standalone server serving the {@link BenchEndpoints}, with its default settings but
 * for option {@code permessage-deflate}, set from {@code -Dbench.deflate} (true in the
 * permessage-deflate scenarios, false elsewhere), whatever its default is. It also serves
 * {@link ClusterBroadcastEndpoint}, which works when the cluster options are given (as system
 * properties {@code -Dwssocket.cluster-name=...} and so on, which every WS Socket option reads).
 * With {@code -Dbench.tls.keystore} it serves wss:// ({@link BenchTls}).
 */
public final class WsSocketEchoServer implements PeerServer {

    private WebSocketServer server;

    public static void main(String[] args) throws Exception {
        ServerLauncher.run("wssocket", args, WsSocketEchoServer::new);
    }

    @Override
    public int start(String host, int port) throws Exception {
        ServerConfig.Builder builder = ServerConfig.builder().host(host).port(port)
                .option("permessage-deflate", Boolean.toString(Boolean.getBoolean(EchoEndpoint.DEFLATE_PROPERTY)));
        Path keystore = BenchTls.serverKeystore();
        if (keystore != null) {
            // wss:// with the JDK's SSLEngine, TLS 1.3 only, as every server of the wss scenario
            builder.option("tls-keystore", keystore.toString()).option("tls-keystore-password", BenchTls.serverPassword())
                    .option("tls-protocols", BenchTls.PROTOCOL);
        }
        ServerConfig config = builder.build();
        server = WebSocketServer.create(config);
        for (ServerEndpointConfig endpoint : BenchEndpoints.configs()) {
            server.container().addEndpoint(endpoint);
        }
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(ClusterBroadcastEndpoint.class,
                ClusterBroadcastEndpoint.PATH).build());
        server.start();
        return server.port();
    }

    @Override
    public void stop() throws Exception {
        server.close();
    }
}
