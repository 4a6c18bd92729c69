package io.wssocket.server;

import io.wssocket.webresources.ResourceMounts;
import io.wssocket.webresources.ResourceRoot;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link ServerContainer} one application sees: its endpoints go under its context path,
 * are gathered while it deploys and registered together at {@link #commit()} (all or none), and
 * are removed, with their sessions closed, at {@link #undeploy()}. Its static resource roots
 * are served from commit to undeploy, and closed then. Everything else is the server's container.
 * The runtime's deployment of applications uses it ({@link WsServerContainer#scope(String)});
 * code that embeds the server deploys on {@link WebSocketServer#container()}.
 */
public final class DeploymentScope extends ForwardingContainer implements ServerContainer {
    private static final System.Logger LOG = System.getLogger(DeploymentScope.class.getName());

    private final WsServerContainer server;
    private final String contextPath;
    private final List<EndpointRegistry.Deployment> pending = new ArrayList<>();
    private final List<EndpointRegistry.Route> routes = new ArrayList<>();
    private final List<ResourceRoot> resourceRoots = new ArrayList<>();
    private ResourceMounts.Mount mount;
    private boolean committed;
    private boolean undeployed;

    DeploymentScope(WsServerContainer server, String contextPath) {
        this.server = server;
        this.contextPath = contextPath;
    }

    /**
     * Where the application is deployed.
     *
     * @return "" or "/name"
     */
    public String contextPath() {
        return contextPath;
    }

    /**
     * Full paths (context path included) of the endpoints deployed so far.
     *
     * @return the paths, in the order they were added
     */
    public synchronized List<String> paths() {
        List<String> paths = new ArrayList<>();
        routes.forEach(r -> paths.add(r.path()));
        if (!committed) {
            pending.forEach(d -> paths.add(contextPath + d.config().getPath()));
        }
        return paths;
    }

    @Override
    public void addEndpoint(ServerEndpointConfig config) throws DeploymentException {
        WsServerContainer.checkEndpointType(config);
        add(new EndpointRegistry.Deployment(config, null));
    }

    @Override
    public void addEndpoint(Class<?> endpointClass) throws DeploymentException {
        add(WsServerContainer.annotated(endpointClass));
    }

    private synchronized void add(EndpointRegistry.Deployment deployment) throws DeploymentException {
        if (undeployed) {
            throw new DeploymentException("the application at '" + contextPath + "' was undeployed");
        }
        if (committed) {
            routes.addAll(server.registry().addAll(contextPath, List.of(deployment)));
        } else {
            EndpointRegistry.validate(deployment.config());
            pending.add(deployment);
        }
    }

    /**
     * Serves the {@code META-INF/resources/} folders of the application's class roots under the
     * context path from {@link #commit()} on (unless the server's static-resources option is off),
     * until {@link #undeploy()}.
     *
     * @param classRoots the application's jars and class directories; those without the folder serve nothing
     * @throws IOException when a jar cannot be opened
     * @throws IllegalStateException after commit or undeploy
     */
    public synchronized void addResourceRoots(List<Path> classRoots) throws IOException {
        if (undeployed || committed) {
            throw new IllegalStateException("resource roots are added before commit, and not after undeploy");
        }
        resourceRoots.addAll(ResourceRoot.openAll(classRoots));
    }

    /**
     * Registers everything added during deployment, or nothing if one cannot be.
     *
     * @throws DeploymentException naming the path that is taken or invalid
     */
    public synchronized void commit() throws DeploymentException {
        if (committed) {
            return;
        }
        routes.addAll(server.registry().addAll(contextPath, pending));
        pending.clear();
        committed = true;
        if (!resourceRoots.isEmpty() && server.servesStaticResources()) {
            mount = server.webResources().add(contextPath, resourceRoots);
        }
    }

    /**
     * The path its pages are served under.
     *
     * @return "/" or "/name/", or null when it serves none
     */
    public synchronized String pagesPath() {
        return mount == null ? null : contextPath + "/";
    }

    /** Removes the application's endpoints and closes their sessions with 1001 (going away). */
    public void undeploy() {
        List<EndpointRegistry.Route> removed;
        synchronized (this) {
            undeployed = true;
            pending.clear();
            removed = new ArrayList<>(routes);
            routes.clear();
            if (mount != null) {
                server.webResources().remove(mount);
                mount = null;
            }
            ResourceRoot.closeAll(resourceRoots);
            resourceRoots.clear();
        }
        server.registry().removeAll(removed);
        CloseReason reason = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "application undeployed");
        for (EndpointRegistry.Route route : removed) {
            for (Session session : route.openSessions()) {
                try {
                    session.close(reason);
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "closing " + session, e);
                }
            }
        }
    }

    @Override
    public void upgradeHttpToWebSocket(Object request, Object response, ServerEndpointConfig sec, Map<String, String> pathParameters)
            throws IOException, DeploymentException {
        server.upgradeHttpToWebSocket(request, response, sec, pathParameters);
    }

    @Override
    WebSocketContainer target() {
        return server;
    }
}
