package io.wssocket.client.internal;

import io.wssocket.client.ClientConfig;

import io.wssocket.handshake.JakartaExtension;
import io.wssocket.handshake.PerMessageDeflate;
import io.wssocket.session.InboundBudget;
import io.wssocket.session.SessionSettings;
import io.wssocket.wire.CloseCodes;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What the server and the client containers have in common (Jakarta WebSocket 2.2 §6.1): the
 * session defaults applications may change, and {@code connectToServer}, which opens client
 * sessions through a {@link ClientConnector}.
 */
public abstract class AbstractWebSocketContainer implements WebSocketContainer {
    private static final System.Logger LOG = System.getLogger(AbstractWebSocketContainer.class.getName());

    private final SessionSettings initial;
    private final InboundBudget inboundBudget;
    private final Set<Session> clientSessions = ConcurrentHashMap.newKeySet();
    private final ClientConnector connector;
    private final Set<Extension> installedExtensions;
    private volatile long defaultAsyncSendTimeout;
    private volatile long defaultMaxSessionIdleTimeout;
    private volatile int defaultMaxBinaryMessageBufferSize;
    private volatile int defaultMaxTextMessageBufferSize;

    /**
     * @param config limits and timeouts of every session, and the client's connect timeout and proxy
     * @param transport where client connections run
     * @param owner what the sessions report as their container: this one, or the server's container
     *     that opens client sessions through it
     */
    protected AbstractWebSocketContainer(ClientConfig config, ClientTransport transport, WebSocketContainer owner) {
        ClientSettings client = ClientSettings.of(config);
        this.initial = client.connection().session();
        this.inboundBudget = new InboundBudget(config.maxInboundBytes());
        this.defaultAsyncSendTimeout = initial.sendTimeoutMillis();
        this.defaultMaxSessionIdleTimeout = initial.idleTimeoutMillis();
        this.defaultMaxBinaryMessageBufferSize = initial.maxBinaryMessageBufferSize();
        this.defaultMaxTextMessageBufferSize = initial.maxTextMessageBufferSize();
        this.installedExtensions = client.connection().deflate().enabled()
                ? Set.of(new JakartaExtension(PerMessageDeflate.NAME, List.of())) : Set.of();
        this.connector = new ClientConnector(client, transport, owner == null ? this : owner, this::sessionSettings, inboundBudget, clientSessions);
    }

    /**
     * The settings a session opened now starts with.
     *
     * @return the container's current defaults
     */
    public SessionSettings sessionSettings() {
        return new SessionSettings(defaultMaxSessionIdleTimeout, defaultMaxTextMessageBufferSize,
                defaultMaxBinaryMessageBufferSize, defaultAsyncSendTimeout, initial.maxPendingMessages(),
                initial.maxPendingBytes(), initial.sendQueuePolicy(), initial.sendStallTimeoutMillis());
    }

    /**
     * The bytes of inbound messages this container's sessions hold together (option
     * max-inbound-bytes).
     *
     * @return the budget shared by this container's sessions
     */
    public InboundBudget inboundBudget() {
        return inboundBudget;
    }

    /**
     * The client sessions opened through this container that are open now.
     *
     * @return a snapshot of those sessions
     */
    public Set<Session> openClientSessions() {
        return Set.copyOf(clientSessions);
    }

    /**
     * Closes every client session of this container with 1001 (going away), and waits up to
     * {@code timeoutMillis} for their close handshakes. Reconnections under way stop, and the
     * sessions closed here do not reconnect.
     *
     * @param reason the close reason sent to the peers
     * @param timeoutMillis how long to wait for the close handshakes, in milliseconds
     */
    public void closeClientSessions(String reason, long timeoutMillis) {
        connector.cancelReconnections(); // closed by the application: nothing comes back
        CloseReason goingAway = new CloseReason(CloseReason.CloseCodes.getCloseCode(CloseCodes.GOING_AWAY), reason);
        for (Session session : openClientSessions()) {
            try {
                session.close(goingAway);
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing " + session, e);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!clientSessions.isEmpty() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public Session connectToServer(Object annotatedEndpointInstance, URI path) throws DeploymentException, IOException {
        return connector.connect(annotatedEndpointInstance, path);
    }

    @Override
    public Session connectToServer(Class<?> annotatedEndpointClass, URI path) throws DeploymentException, IOException {
        return connector.connect(annotatedEndpointClass, path);
    }

    @Override
    public Session connectToServer(Endpoint endpointInstance, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return connector.connect(endpointInstance, cec, path);
    }

    @Override
    public Session connectToServer(Class<? extends Endpoint> endpointClass, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return connector.connect(endpointClass, cec, path);
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
        this.defaultMaxBinaryMessageBufferSize = SessionSettings.checkBufferSize(max);
    }

    @Override
    public int getDefaultMaxTextMessageBufferSize() {
        return defaultMaxTextMessageBufferSize;
    }

    @Override
    public void setDefaultMaxTextMessageBufferSize(int max) {
        this.defaultMaxTextMessageBufferSize = SessionSettings.checkBufferSize(max);
    }

    /** Permessage-deflate (RFC 7692) when the permessage-deflate option is on; no other extension. */
    @Override
    public Set<Extension> getInstalledExtensions() {
        return installedExtensions;
    }
}
