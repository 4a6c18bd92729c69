package io.wssocket.bench;

import jakarta.websocket.server.ServerEndpointConfig;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty 12.1 (ee10 Jakarta WebSocket) serving the {@link BenchEndpoints}, with Jetty's default thread
 * pool and connector settings; wss:// through its own TLS connector with {@code -Dbench.tls.keystore} ({@link BenchTls}).
 */
public final class JettyEchoServer implements PeerServer {

    private Server server;

    public static void main(String[] args) throws Exception {
        ServerLauncher.run("jetty", args, JettyEchoServer::new);
    }

    @Override
    public int start(String host, int port) throws Exception {
        server = new Server();
        Path keystore = BenchTls.serverKeystore();
        ServerConnector connector = keystore == null ? new ServerConnector(server) : new ServerConnector(server, tls(keystore));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        server.setHandler(context);
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) ->
                {
                    for (ServerEndpointConfig config : BenchEndpoints.configs()) {
                        container.addEndpoint(config);
                    }
                });

        server.start();
        return connector.getLocalPort();
    }

    /** Jetty's own TLS: an SSL connection factory (the JDK's SSLEngine) in front of HTTP/1.1, TLS 1.3 only. */
    private static SslContextFactory.Server tls(Path keystore) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(keystore.toString());
        ssl.setKeyStorePassword(BenchTls.serverPassword());
        ssl.setKeyStoreType("PKCS12");
        ssl.setIncludeProtocols(BenchTls.PROTOCOL);
        return ssl;
    }

    @Override
    public void stop() throws Exception {
        server.stop();
    }
}
