package io.wssocket.samples.echo;

// docs/guide.md ("Embed the server") shows this file from its first import on; EmbeddedEchoGuideTest
// fails when the two differ, so the guide's example always compiles against the runtime.
import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import jakarta.websocket.server.ServerEndpointConfig;

public class EmbeddedEcho {
    public static void main(String[] args) throws Exception {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(8080).build();
        try (WebSocketServer server = WebSocketServer.create(config)) {
            server.container().addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
            server.start();
            System.out.println("echo at ws://127.0.0.1:" + server.port() + "/echo; press Enter to stop");
            System.in.read();
        } // close(): stops accepting, closes every session with 1001 (going away)
    }
}
