package io.wssocket.server;

import io.wssocket.client.internal.ClientTransport;
import io.wssocket.cluster.Cluster;
import io.wssocket.cluster.ClusterAccess;
import io.wssocket.client.internal.WsClientContainer;
import io.wssocket.endpoint.AnnotatedEndpointModel;
import io.wssocket.protocol.TrafficCounter;
import io.wssocket.server.host.Hosting;
import io.wssocket.server.host.HttpUpgrades;
import io.wssocket.session.InboundBudget;
import io.wssocket.session.SessionSettings;
import io.wssocket.spi.ApplicationIntegration;
import io.wssocket.spi.Integrations;
import io.wssocket.spi.ServerGauges;
import io.wssocket.webresources.ResourceMounts;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ServerContainer} of one {@link WebSocketServer}: deployed endpoints and the session
 * defaults that applications may change. Nothing here is static, so servers in one JVM are apart.
 */
public final class WsServerContainer extends ForwardingContainer implements ServerContainer, ClusterAccess {
    static {
        // A host (the Servlet glue) makes its server through the host package, which cannot see this package's internals.
        Hosting.install(HostedRuntime::new);
    }

    private final WsClientContainer client;
    private final EndpointRegistry registry = new EndpointRegistry();
    private final Map<String, TrafficCounter> traffic = new ConcurrentHashMap<>();
    private final ResourceMounts webResources = new ResourceMounts();
    private final boolean staticResources;
    private final Duration shutdownTimeout;
    private volatile HttpUpgrades httpUpgrades;
    private volatile boolean oneApplication;
    private volatile boolean deploymentFailed;
    /** The server's cluster while it serves with a cluster-name; null otherwise. */
    private volatile ClusterMessaging cluster;

    /** @param clientTransport where sessions opened with {@code connectToServer} run */
    WsServerContainer(ServerConfig config, ClientTransport clientTransport) {
        this.client = new WsClientContainer(config.clientConfig(), clientTransport, this);
        this.staticResources = config.staticResources();
        this.shutdownTimeout = Duration.ofMillis(config.shutdownTimeoutMillis());
    }

    /**
     * How long the server waits for sessions to close after sending 1001 (option shutdown-timeout).
     *
     * @return the shutdown timeout
     */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /**
     * The cluster of this server (option {@code cluster-name}), for cluster-wide messaging.
     *
     * @return the cluster
     * @throws IllegalStateException when the server has no cluster or is not serving
     */
    @Override
    public Cluster cluster() {
        ClusterMessaging joined = cluster;
        if (joined == null) {
            throw new IllegalStateException("this server is in no cluster: set the option cluster-name (with "
                    + "wssocket-hazelcast on the class path) and start it");
        }
        return joined;
    }

    void cluster(ClusterMessaging cluster) {
        this.cluster = cluster;
    }

    /** The server stopped: its node leaves the cluster. */
    void leaveCluster() {
        ClusterMessaging joined = cluster;
        if (joined != null) {
            cluster = null;
            joined.close();
        }
    }

    /**
     * The traffic of an endpoint path's sessions, added up as it flows; made when its first session
     * opens and kept across redeploys of the path (keyed by template, so bounded by what is deployed).
     */
    TrafficCounter traffic(String path) {
        TrafficCounter counter = traffic.get(path);
        return counter != null ? counter : traffic.computeIfAbsent(path, p -> new TrafficCounter());
    }

    /** {@link #traffic(String)} as metrics read it: null for a path no session opened on. */
    ServerGauges.Traffic trafficOf(String path) {
        TrafficCounter counter = path == null ? null : traffic.get(path);
        return counter == null ? null : totals(counter);
    }

    /** The traffic of every endpoint path together. */
    ServerGauges.Traffic totalTraffic() {
        long messagesIn = 0;
        long messagesOut = 0;
        long bytesIn = 0;
        long bytesOut = 0;
        for (TrafficCounter counter : traffic.values()) {
            messagesIn += counter.messagesIn();
            messagesOut += counter.messagesOut();
            bytesIn += counter.bytesIn();
            bytesOut += counter.bytesOut();
        }
        return new ServerGauges.Traffic(messagesIn, messagesOut, bytesIn, bytesOut);
    }

    private static ServerGauges.Traffic totals(TrafficCounter counter) {
        return new ServerGauges.Traffic(counter.messagesIn(), counter.messagesOut(), counter.bytesIn(), counter.bytesOut());
    }

    /** The set the sessions of {@code route} are counted in: observed by the cluster when there is one. */
    Set<Session> openSessions(EndpointRegistry.Route route) {
        ClusterMessaging joined = cluster;
        return joined == null ? route.openSessions() : joined.observe(route.path(), route.openSessions());
    }

    @Override
    WebSocketContainer target() {
        return client;
    }

    /** @return the settings a session opened now starts with: the defaults as applications left them */
    SessionSettings sessionSettings() {
        return client.sessionSettings();
    }

    /** @return the bytes of inbound messages the server's and its client's sessions hold together */
    InboundBudget inboundBudget() {
        return client.inboundBudget();
    }

    /** Closes the client sessions opened through this container with 1001, waiting up to {@code timeoutMillis}. */
    void closeClientSessions(String reason, long timeoutMillis) {
        client.closeClientSessions(reason, timeoutMillis);
    }

    EndpointRegistry registry() {
        return registry;
    }

    /** The applications' static resources by context path. */
    ResourceMounts webResources() {
        return webResources;
    }

    /** Whether plain HTTP requests are answered from the applications' static resources (option static-resources). */
    boolean servesStaticResources() {
        return staticResources;
    }

    @Override
    public void addEndpoint(Class<?> endpointClass) throws DeploymentException {
        deploy(() -> annotated(endpointClass));
    }

    @Override
    public void addEndpoint(ServerEndpointConfig config) throws DeploymentException {
        deploy(() -> {
            checkEndpointType(config);
            return new EndpointRegistry.Deployment(config, null);
        });
    }

    /** What one addEndpoint deploys, or the error that stops it. */
    @FunctionalInterface
    private interface DeploymentSource {
        EndpointRegistry.Deployment get() throws DeploymentException;
    }

    private void deploy(DeploymentSource source) throws DeploymentException {
        if (deploymentFailed) {
            throw new DeploymentException("an earlier deployment error stopped this web application's deployment: "
                    + "no endpoint of it is deployed (Jakarta WebSocket 2.2 §6.4)");
        }
        try {
            registry.addAll("", List.of(source.get()));
        } catch (DeploymentException | RuntimeException e) {
            if (oneApplication) {
                // A deployment error halts the application's deployment: what it deployed before leaves service.
                deploymentFailed = true;
                registry.removeAll(registry.routes());
            }
            throw e;
        }
    }

    /**
     * This container is one web application's (a Servlet container's): a deployment error in any
     * addEndpoint removes every endpoint added before and refuses any after (Jakarta WebSocket 2.2
     * §6.4). Standalone, a container serves several applications, each deployed all or none in its
     * own {@link DeploymentScope}, and a failed addEndpoint leaves the others as they are.
     */
    void oneApplication() {
        this.oneApplication = true;
    }

    /**
     * A {@code @ServerEndpoint} class analysed, with the configuration its annotation describes
     * (Jakarta WebSocket 2.2 §4.1): path, subprotocols, decoders, encoders and configurator.
     */
    static EndpointRegistry.Deployment annotated(Class<?> endpointClass) throws DeploymentException {
        if (endpointClass == null) {
            throw new DeploymentException("endpoint class must not be null");
        }
        AnnotatedEndpointModel model = AnnotatedEndpointModel.of(endpointClass);
        ServerEndpoint annotation = endpointClass.getAnnotation(ServerEndpoint.class);
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(endpointClass, annotation.value())
                .subprotocols(List.of(annotation.subprotocols()))
                .decoders(List.of(annotation.decoders()))
                .encoders(List.of(annotation.encoders()))
                .configurator(configurator(endpointClass, annotation.configurator()))
                .build();
        return new EndpointRegistry.Deployment(config, model);
    }

    private static ServerEndpointConfig.Configurator configurator(Class<?> endpointClass,
            Class<? extends ServerEndpointConfig.Configurator> type) throws DeploymentException {
        if (type == ServerEndpointConfig.Configurator.class) {
            return new DefaultServerConfigurator(); // the container's default (Jakarta WebSocket 2.2 §4.1.1)
        }
        ApplicationIntegration integration = Integrations.forClass(endpointClass);
        if (integration != null) {
            try {
                // Lives as long as the deployment: the integration releases it when it closes.
                return integration.newInstance(type).instance();
            } catch (InstantiationException | RuntimeException e) {
                // The integration's message says what failed (a dependency, a @PostConstruct), not the constructor rule.
                throw new DeploymentException("endpoint " + endpointClass.getName() + ": " + e.getMessage(), e);
            }
        }
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ? e.getCause() : e;
            throw new DeploymentException("endpoint " + endpointClass.getName() + ": cannot create configurator "
                    + type.getName() + " (it needs a public no-argument constructor): " + cause, cause);
        }
    }

    static void checkEndpointType(ServerEndpointConfig config) throws DeploymentException {
        EndpointRegistry.validate(config);
        if (config.getEndpointClass() == null || !Endpoint.class.isAssignableFrom(config.getEndpointClass())) {
            throw new DeploymentException("endpoint " + config.getEndpointClass()
                    + " must extend jakarta.websocket.Endpoint to be deployed with a ServerEndpointConfig");
        }
    }

    /**
     * A container for one application under {@code contextPath} ("" or "/name"): what it adds
     * is registered at {@link DeploymentScope#commit()} and removed at {@link DeploymentScope#undeploy()}.
     * For the runtime's deployment of applications.
     *
     * @param contextPath "" or "/name"
     * @return a new scope, empty
     */
    public DeploymentScope scope(String contextPath) {
        return new DeploymentScope(this, contextPath);
    }

    /** Inside a Servlet container: what upgradeHttpToWebSocket does; null standalone. */
    void httpUpgrades(HttpUpgrades upgrades) {
        this.httpUpgrades = upgrades;
    }

    @Override
    public void upgradeHttpToWebSocket(Object httpServletRequest, Object httpServletResponse, ServerEndpointConfig sec,
                                       Map<String, String> pathParameters) throws DeploymentException {
        HttpUpgrades upgrades = httpUpgrades;
        if (upgrades == null) {
            throw new DeploymentException("upgradeHttpToWebSocket needs a Servlet container; the standalone server "
                    + "upgrades requests itself");
        }
        upgrades.upgrade(httpServletRequest, httpServletResponse, sec, pathParameters);
    }
}
