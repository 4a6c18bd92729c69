package io.wssocket.interop;

import jakarta.websocket.DeploymentException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.ContainerDefaultConfigurator;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Jetty 12.1 with its ee10 Jakarta WebSocket server, deployed as an embedded application deploys it. */
final class JettyServerPeer implements PeerServer {
    private Server server;

    @Override
    public int start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        server.setHandler(context);
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> deploy(container));
        server.start();
        return connector.getLocalPort();
    }

    private static void deploy(jakarta.websocket.server.ServerContainer container) throws DeploymentException {
        PeerServerEndpoints.deploy(container, ContainerDefaultConfigurator::new);
    }

    @Override
    public void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }
}
