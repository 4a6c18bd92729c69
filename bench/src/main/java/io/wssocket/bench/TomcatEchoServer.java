package io.wssocket.bench;

import jakarta.servlet.ServletException;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;

/**
 * Tomcat 11 embedded (its own Jakarta WebSocket implementation) serving the {@link BenchEndpoints},
 * with Tomcat's default NIO connector and thread pool.
 */
public final class TomcatEchoServer implements PeerServer {

    private Tomcat tomcat;
    private Path baseDir;

    public static void main(String[] args) throws Exception {
        ServerLauncher.run("tomcat", args, TomcatEchoServer::new);
    }

    @Override
    public int start(String host, int port) throws Exception {
        baseDir = Files.createTempDirectory("bench-tomcat");
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setProperty("address", host);
        connector.setPort(port);
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);

        Context context = tomcat.addContext("", baseDir.toString());
        // Tomcat maps a request to a servlet before its filters run, and WsFilter does the
        // upgrade: without a servlet at "/" every handshake would be answered 404.
        Tomcat.addServlet(context, "default", new DefaultServlet()).addMapping("/");
        // WsSci publishes the ServerContainer as a context attribute; the second initializer, run
        // after it (initializers run in the order added), deploys the endpoints into it.
        context.addServletContainerInitializer(new WsSci(), null);
        context.addServletContainerInitializer((classes, servletContext) -> {
            ServerContainer container = (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
            for (ServerEndpointConfig config : BenchEndpoints.configs()) {
                try {
                    container.addEndpoint(config);
                } catch (DeploymentException e) {
                    throw new ServletException("cannot deploy " + config.getPath(), e);
                }
            }
        }, null);
        tomcat.start();
        return connector.getLocalPort();
    }

    @Override
    public void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
