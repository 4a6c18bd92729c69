package io.wssocket.server;

import io.wssocket.endpoint.AnnotatedEndpointModel;
import io.wssocket.session.SessionSettings;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link ServerContainer} of one {@link WebSocketServer}: deployed endpoints and the session
 * defaults that applications may change. Nothing here is static, so servers in one JVM are apart.
 */
public final class WsServerContainer implements ServerContainer {
    private final EndpointRegistry registry = new EndpointRegistry();
    private final SessionSettings initial;
    private volatile long defaultAsyncSendTimeout;
    private volatile long defaultMaxSessionIdleTimeout;
    private volatile int defaultMaxBinaryMessageBufferSize;
    private volatile int defaultMaxTextMessageBufferSize;

    WsServerContainer(ServerConfig config) {
        this.initial = config.sessionSettings();
        this.defaultAsyncSendTimeout = initial.sendTimeoutMillis();
        this.defaultMaxSessionIdleTimeout = initial.idleTimeoutMillis();
        this.defaultMaxBinaryMessageBufferSize = initial.maxBinaryMessageBufferSize();
        this.defaultMaxTextMessageBufferSize = initial.maxTextMessageBufferSize();
    }

    EndpointRegistry registry() {
        return registry;
    }

    /** The settings a session opened now starts with. */
    SessionSettings sessionSettings() {
        return new SessionSettings(defaultMaxSessionIdleTimeout, defaultMaxTextMessageBufferSize,
                defaultMaxBinaryMessageBufferSize, defaultAsyncSendTimeout, initial.maxPendingMessages());
    }

    @Override
    public void addEndpoint(Class<?> endpointClass) throws DeploymentException {
        registry.addAll("", List.of(annotated(endpointClass)));
    }

    @Override
    public void addEndpoint(ServerEndpointConfig config) throws DeploymentException {
        checkEndpointType(config);
        registry.addAll("", List.of(new EndpointRegistry.Deployment(config, null)));
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
     */
    public DeploymentScope scope(String contextPath) {
        return new DeploymentScope(this, contextPath);
    }

    @Override
    public void upgradeHttpToWebSocket(Object httpServletRequest, Object httpServletResponse, ServerEndpointConfig sec,
                                       Map<String, String> pathParameters) throws DeploymentException {
        throw new DeploymentException("upgradeHttpToWebSocket needs a Servlet container; the standalone server "
                + "upgrades requests itself");
    }

    @Override
    public long getDefaultAsyncSendTimeout() {
        return defaultAsyncSendTimeout;
    }

    @Override
    public void setAsyncSendTimeout(long timeoutMillis) {
        this.defaultAsyncSendTimeout = timeoutMillis > 0 ? timeoutMillis : Long.MAX_VALUE / 2;
    }

    @Override
    public Session connectToServer(Object annotatedEndpointInstance, URI path) throws DeploymentException {
        throw noClient();
    }

    @Override
    public Session connectToServer(Class<?> annotatedEndpointClass, URI path) throws DeploymentException {
        throw noClient();
    }

    @Override
    public Session connectToServer(Endpoint endpointInstance, ClientEndpointConfig cec, URI path) throws DeploymentException {
        throw noClient();
    }

    @Override
    public Session connectToServer(Class<? extends Endpoint> endpointClass, ClientEndpointConfig cec, URI path)
            throws DeploymentException {
        throw noClient();
    }

    private static DeploymentException noClient() {
        return new DeploymentException("WS Socket's client is not available yet; use ContainerProvider with another client");
    }

    @Override
    public long getDefaultMaxSessionIdleTimeout() {
        return defaultMaxSessionIdleTimeout;
    }

    @Override
    public void setDefaultMaxSessionIdleTimeout(long timeout) {
        this.defaultMaxSessionIdleTimeout = Math.max(0, timeout);
    }

    @Override
    public int getDefaultMaxBinaryMessageBufferSize() {
        return defaultMaxBinaryMessageBufferSize;
    }

    @Override
    public void setDefaultMaxBinaryMessageBufferSize(int max) {
        this.defaultMaxBinaryMessageBufferSize = positiveBufferSize(max);
    }

    @Override
    public int getDefaultMaxTextMessageBufferSize() {
        return defaultMaxTextMessageBufferSize;
    }

    @Override
    public void setDefaultMaxTextMessageBufferSize(int max) {
        this.defaultMaxTextMessageBufferSize = positiveBufferSize(max);
    }

    /** Refused here rather than at the next handshake, which it would otherwise fail. */
    private static int positiveBufferSize(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("a message buffer size must be at least 1 byte, not " + max);
        }
        return max;
    }

    @Override
    public Set<Extension> getInstalledExtensions() {
        return Set.of();
    }
}
