package io.wssocket.interop;

import io.wssocket.test.TestCertificates;
import jakarta.websocket.DeploymentException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.ContainerDefaultConfigurator;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty 12.1 with its ee10 Jakarta WebSocket server, deployed as an embedded application deploys
 * it; over wss, its connector has a {@code SslContextFactory.Server} with the test keystore.
 */
final class JettyServerPeer implements PeerServer {
    private Server server;

    @Override
    public int start(Scheme scheme) throws Exception {
        server = new Server();
        ServerConnector connector = scheme == Scheme.WSS ? tlsConnector(server) : new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        server.setHandler(context);
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> deploy(container));
        server.start();
        return connector.getLocalPort();
    }

    /** A connector doing TLS with the test keystore in front of HTTP/1.1. */
    private static ServerConnector tlsConnector(Server server) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStoreType("PKCS12");
        tls.setKeyStorePath(TestCertificates.localhost().keystore().toString());
        tls.setKeyStorePassword(TestCertificates.PASSWORD);
        return new ServerConnector(server, tls);
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
