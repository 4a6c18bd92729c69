package io.wssocket.bench;

import jakarta.websocket.server.ServerEndpointConfig;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Jetty 12.1 (ee10 Jakarta WebSocket) serving the {@link BenchEndpoints}, with Jetty's default thread
 * pool and connector settings.
 */
public final class JettyEchoServer implements PeerServer {

    private Server server;

    public static void main(String[] args) throws Exception {
        ServerLauncher.run("jetty", args, JettyEchoServer::new);
    }

    @Override
    public int start(String host, int port) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
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

    @Override
    public void stop() throws Exception {
        server.stop();
    }
}
