package io.wssocket.server;

import io.wssocket.webresources.ResourceMounts;
import io.wssocket.webresources.ResourceRoot;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.URI;
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
public final class DeploymentScope implements ServerContainer {
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
     * Hands over the application's static resource roots: served under the context path from
     * {@link #commit()} on (unless the server's static-resources option is off), closed at
     * {@link #undeploy()}.
     *
     * @param roots the roots, owned by this scope from now on
     * @throws IllegalStateException after commit or undeploy (the roots are closed)
     */
    public synchronized void addResourceRoots(List<ResourceRoot> roots) {
        if (undeployed || committed) {
            ResourceRoot.closeAll(roots);
            throw new IllegalStateException("resource roots are added before commit, and not after undeploy");
        }
        resourceRoots.addAll(roots);
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
    public long getDefaultAsyncSendTimeout() {
        return server.getDefaultAsyncSendTimeout();
    }

    @Override
    public void setAsyncSendTimeout(long timeoutMillis) {
        server.setAsyncSendTimeout(timeoutMillis);
    }

    @Override
    public Session connectToServer(Object annotatedEndpointInstance, URI path) throws DeploymentException, IOException {
        return server.connectToServer(annotatedEndpointInstance, path);
    }

    @Override
    public Session connectToServer(Class<?> annotatedEndpointClass, URI path) throws DeploymentException, IOException {
        return server.connectToServer(annotatedEndpointClass, path);
    }

    @Override
    public Session connectToServer(Endpoint endpointInstance, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return server.connectToServer(endpointInstance, cec, path);
    }

    @Override
    public Session connectToServer(Class<? extends Endpoint> endpointClass, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return server.connectToServer(endpointClass, cec, path);
    }

    @Override
    public long getDefaultMaxSessionIdleTimeout() {
        return server.getDefaultMaxSessionIdleTimeout();
    }

    @Override
    public void setDefaultMaxSessionIdleTimeout(long timeout) {
        server.setDefaultMaxSessionIdleTimeout(timeout);
    }

    @Override
    public int getDefaultMaxBinaryMessageBufferSize() {
        return server.getDefaultMaxBinaryMessageBufferSize();
    }

    @Override
    public void setDefaultMaxBinaryMessageBufferSize(int max) {
        server.setDefaultMaxBinaryMessageBufferSize(max);
    }

    @Override
    public int getDefaultMaxTextMessageBufferSize() {
        return server.getDefaultMaxTextMessageBufferSize();
    }

    @Override
    public void setDefaultMaxTextMessageBufferSize(int max) {
        server.setDefaultMaxTextMessageBufferSize(max);
    }

    @Override
    public Set<Extension> getInstalledExtensions() {
        return server.getInstalledExtensions();
    }
}
