package io.wssocket.servlet.containers;

import jakarta.servlet.ServletContainerInitializer;
import java.time.Duration;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.ServletContainerInitializerHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Jetty 12.1 with its ee10 (Servlet 6.0) environment and no jetty-ee10-websocket-* module: a
 * {@link ServletContextHandler} (sessions on, as a WAR's context has them) whose initializers are
 * {@link ServletContainerInitializerHolder}s carrying the classes their {@code @HandlesTypes} select.
 * Static resources are the context's base resource, served by Jetty's {@link DefaultServlet} on {@code /}.
 */
final class JettyContainer extends EmbeddedContainerBase {
    private final Duration connectorIdleTimeout;
    private Server server;

    /** With Jetty's default idle timeout for its connector's connections (30 s). */
    JettyContainer() {
        this(null);
    }

    /** With this idle timeout for the connector's connections, or Jetty's default for null. */
    JettyContainer(Duration connectorIdleTimeout) {
        this.connectorIdleTimeout = connectorIdleTimeout;
    }

    @Override
    public String name() {
        return "Jetty 12.1 ee10";
    }

    @Override
    int serve(WebApplication application) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        if (connectorIdleTimeout != null) {
            connector.setIdleTimeout(connectorIdleTimeout.toMillis());
        }
        server.addConnector(connector);

        String contextPath = application.contextPath().isEmpty() ? "/" : application.contextPath();
        ServletContextHandler context = new ServletContextHandler(contextPath, ServletContextHandler.SESSIONS);
        for (ServletContainerInitializer initializer : application.initializers()) {
            Set<Class<?>> handled = application.handledTypes(initializer);
            Class<?>[] classes = handled == null ? new Class<?>[0] : handled.toArray(Class<?>[]::new);
            context.addServletContainerInitializer(new ServletContainerInitializerHolder(initializer, classes));
        }
        application.resources().ifPresent(directory -> {
            context.setBaseResourceAsPath(directory.toAbsolutePath());
            context.setWelcomeFiles(new String[] {"index.html"});
            context.addServlet(DefaultServlet.class, "/");
        });
        server.setHandler(context);
        server.start();
        if (!context.isAvailable()) {
            throw new IllegalStateException("Jetty did not make the application at \"" + contextPath
                    + "\" available (see the log for the cause)");
        }
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
