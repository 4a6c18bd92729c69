package io.wssocket.servlet;

import io.wssocket.deploy.EndpointSelection;
import io.wssocket.server.DeploymentScope;
import io.wssocket.server.ServerConfig;
import io.wssocket.server.WsServerContainer;
import io.wssocket.server.host.HostedServer;
import io.wssocket.servlet.cdi.ContainerCdi;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes WS Socket the WebSocket implementation of a web application: found by the container in
 * {@code META-INF/services}, it deploys the application's endpoints by the rules of Jakarta
 * WebSocket 2.2 §6 (the {@link ServerApplicationConfig}s' choice, else every
 * {@code @ServerEndpoint} class), publishes the {@link ServerContainer} as the context attribute
 * {@code jakarta.websocket.server.ServerContainer} before the application's listeners run (so they
 * may add endpoints, §6.4), and routes upgrade requests to it through a filter. A deployment error
 * fails the web application's start.
 *
 * <p>Options come from the JVM's {@code -Dwssocket.*} properties and {@code WSSOCKET_*}
 * environment variables, as for the standalone server (see the configuration reference); those of
 * the listener, TLS and handshake threads do not apply inside a container.
 */
@HandlesTypes({ServerEndpoint.class, Endpoint.class, ServerApplicationConfig.class})
public final class WebSocketInitializer implements ServletContainerInitializer {
    /** The context attribute the Jakarta WebSocket specification names. */
    public static final String SERVER_CONTAINER_ATTRIBUTE = ServerContainer.class.getName();

    /** Found by the container. */
    public WebSocketInitializer() {
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        ServerConfig config = ServerConfig.builder().staticResources(false).build();
        HostedServer server = HostedServer.create(config);
        ServletHost host = new ServletHost(server, config);
        Set<Class<?>> handled = classes == null ? Set.of() : classes;
        // Before deploying: a configurator named by @ServerEndpoint is made at deployment.
        ContainerCdi cdi = ContainerCdi.start(context, handled);
        try {
            deploy(server.container(), handled, context);
        } catch (DeploymentException | RuntimeException e) {
            host.close();
            cdi.close();
            throw new ServletException("WebSocket endpoints of " + name(context) + " not deployed: " + e.getMessage(), e);
        }
        context.setAttribute(SERVER_CONTAINER_ATTRIBUTE, server.container());
        HttpSessions httpSessions = new HttpSessions();
        ServletUpgrades upgrades = new ServletUpgrades(host, httpSessions);
        server.httpUpgrades(upgrades);
        FilterRegistration.Dynamic filter = context.addFilter("wssocket-upgrade", new UpgradeFilter(server, upgrades));
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        context.addListener(httpSessions);
        context.addListener(new ServletContextListener() {
            @Override
            public void contextDestroyed(ServletContextEvent event) {
                host.close();
                cdi.close();
            }
        });
    }

    private static void deploy(WsServerContainer container, Set<Class<?>> classes, ServletContext context)
            throws DeploymentException {
        Set<Class<? extends Endpoint>> programmatic = new LinkedHashSet<>();
        Set<Class<?>> annotated = new LinkedHashSet<>();
        List<Class<? extends ServerApplicationConfig>> apps = new ArrayList<>();
        for (Class<?> type : classes) {
            if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            if (type.isAnnotationPresent(ServerEndpoint.class)) {
                annotated.add(type);
            }
            if (Endpoint.class.isAssignableFrom(type)) {
                programmatic.add(type.asSubclass(Endpoint.class));
            }
            if (ServerApplicationConfig.class.isAssignableFrom(type)) {
                apps.add(type.asSubclass(ServerApplicationConfig.class));
            }
        }
        String name = name(context);
        EndpointSelection selection = EndpointSelection.of(programmatic, annotated, EndpointSelection.create(name, apps));
        // Endpoints' paths are within the web application: the filter routes by the path after the context path.
        DeploymentScope scope = container.scope("");
        for (ServerEndpointConfig config : selection.configs()) {
            scope.addEndpoint(config);
        }
        for (Class<?> type : selection.annotated()) {
            scope.addEndpoint(type);
        }
        if (!scope.paths().isEmpty()) {
            scope.commit();
        }
    }

    private static String name(ServletContext context) {
        String path = context.getContextPath();
        return "web application " + (path == null || path.isEmpty() ? "/" : path);
    }
}
