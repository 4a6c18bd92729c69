package io.wssocket.hostile;

import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import io.wssocket.test.EchoEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.concurrent.TimeUnit;

/**
 * A server with default limits, run by {@link OpenFileLimitTest} in a child JVM with a low
 * open-file limit. Prints its port and derived limits on stdout, then serves until its stdin
 * closes (the test ended) or a minute passes, whichever is first.
 */
public final class OpenFileLimitServer {
    private OpenFileLimitServer() {
    }

    public static void main(String[] args) throws Exception {
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).build();
        try (WebSocketServer server = WebSocketServer.create(config)) {
            server.container().addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
            server.start();
            System.out.println("LIMITS " + server.port() + " " + config.maxConnections() + " " + config.maxConnectionsPerAddress());
            System.out.flush();
            Thread watchdog = new Thread(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // the parent keeps stdin open while it runs
                    }
                } catch (java.io.IOException e) {
                    // parent gone
                }
                Runtime.getRuntime().halt(0);
            });
            watchdog.setDaemon(true);
            watchdog.start();
            TimeUnit.SECONDS.sleep(150); // beyond the test's own timeout
        }
    }
}
