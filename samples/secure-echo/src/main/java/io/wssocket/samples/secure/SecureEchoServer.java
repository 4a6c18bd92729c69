package io.wssocket.samples.secure;

import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * An embedded WS Socket server on wss:// whose handshakes need a token:
 * <pre>
 * java -cp secure-echo.jar:wssocket.jar io.wssocket.samples.secure.SecureEchoServer \
 *     --port 8443 --tls-keystore server.p12 --tokens tokens.properties
 * </pre>
 * with the keystore password in {@code -Dwssocket.tls-keystore-password}. Every other option
 * of the configuration reference works too.
 */
public final class SecureEchoServer {
    private SecureEchoServer() {
    }

    /** The server, started: the caller closes it. */
    public static WebSocketServer start(ServerConfig.Builder config, Tokens tokens) throws Exception {
        WebSocketServer server = WebSocketServer.create(config.authenticator(new TokenAuthenticator(tokens)).build());
        server.container().addEndpoint(SecureEchoEndpoint.class);
        server.start();
        return server;
    }

    public static void main(String[] args) throws Exception {
        Path tokens = null;
        java.util.Map<String, String> flags = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--tokens")) {
                tokens = Path.of(args[i + 1]);
            } else if (args[i].startsWith("--")) {
                flags.put(args[i].substring(2), args[i + 1]);
            }
        }
        if (tokens == null) {
            System.err.println("usage: SecureEchoServer --tokens tokens.properties --tls-keystore server.p12 [--port 8443] ...");
            System.exit(2);
        }
        java.util.Map<String, String> properties = new java.util.HashMap<>();
        System.getProperties().stringPropertyNames().forEach(name -> properties.put(name, System.getProperty(name)));
        // The process's configuration file, WSSOCKET_* and -Dwssocket.*, then these flags on top.
        ServerConfig.Builder builder = ServerConfig.builder(System.getenv(), properties, flags);
        try (WebSocketServer server = start(builder, Tokens.load(tokens))) {
            System.out.println("secure echo on wss://" + server.localAddress().getHostString() + ":" + server.port() + "/secure-echo");
            new CountDownLatch(1).await();
        }
    }
}
