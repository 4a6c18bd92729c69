package io.wssocket.interop;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.DefaultServerEndpointConfigurator;
import org.apache.tomcat.websocket.server.WsSci;

/**
 * Embedded Tomcat 11 with its WebSocket server: a context with Tomcat's WebSocket initializer
 * ({@link WsSci}), then one that deploys the peer endpoints into the container it created, as a
 * web application's {@code ServletContainerInitializer} would.
 */
final class TomcatServerPeer implements PeerServer {
    private Path baseDir;
    private Tomcat tomcat;

    @Override
    public int start() throws Exception {
        // Tomcat writes its work files under the base directory, the working directory by default.
        baseDir = Files.createTempDirectory("tomcat-peer");
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);

        Context context = tomcat.addContext("", null);
        context.addServletContainerInitializer(new WsSci(), null);
        context.addServletContainerInitializer((classes, servletContext) -> {
            deploy((ServerContainer) servletContext.getAttribute(ServerContainer.class.getName()));
            // Tomcat answers 404 before running any filter when no servlet maps the path, and its
            // WebSocket upgrade is a filter: a servlet on "/" (405 for every method) lets it run.
            servletContext.addServlet("websocket-only", new HttpServlet() { }).addMapping("/");
        }, null);
        tomcat.start();
        return connector.getLocalPort();
    }

    private static void deploy(ServerContainer container) throws ServletException {
        try {
            PeerServerEndpoints.deploy(container, DefaultServerEndpointConfigurator::new);
        } catch (DeploymentException e) {
            throw new ServletException(e);
        }
    }

    @Override
    public void stop() throws Exception {
        try {
            if (tomcat != null) {
                tomcat.stop();
                tomcat.destroy();
            }
        } finally {
            if (baseDir != null) {
                deleteTree(baseDir);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
