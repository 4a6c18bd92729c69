package io.wssocket.bench;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.glassfish.tyrus.server.Server;

/**
 * Tyrus 2.2 on its Grizzly container serving the {@link BenchEndpoints}, with the defaults of
 * Tyrus's standalone {@link Server}.
 *
 * <p>Tyrus 2.2's Grizzly container binds 0.0.0.0 whatever host is given; the load drivers still
 * connect over loopback only.
 */
public final class TyrusEchoServer implements PeerServer {

    private Server server;

    public static void main(String[] args) throws Exception {
        ServerLauncher.run("tyrus", args, TyrusEchoServer::new);
    }

    @Override
    public int start(String host, int port) throws Exception {
        // Tyrus's Server takes port 0 for its default, 8025: an ephemeral port is found here.
        int bound = port != 0 ? port : freePort(host);
        server = new Server(host, bound, "/", Map.of(), Set.of(Application.class));
        server.start();
        return server.getPort();
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return probe.getLocalPort();
        }
    }

    @Override
    public void stop() {
        server.stop();
    }

    /** How Tyrus's standalone server takes programmatic endpoints: it instantiates this class. */
    public static final class Application implements ServerApplicationConfig {

        @Override
        public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
            return new HashSet<>(BenchEndpoints.configs());
        }

        @Override
        public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
            return Set.of();
        }
    }
}
