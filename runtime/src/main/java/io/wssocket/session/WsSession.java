package io.wssocket.session;

import io.wssocket.protocol.WebSocketConnection;
import io.wssocket.spi.SessionInstances;
import io.wssocket.spi.SessionObserver;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * A Jakarta WebSocket session over one {@link WebSocketConnection}. Endpoint callbacks run on the
 * session's {@link SerialExecutor}, one at a time and in order; sends may come from any thread.
 */
public final class WsSession implements Session {
    private static final System.Logger LOG = System.getLogger(WsSession.class.getName());

    private static final VarHandle USER_PROPERTIES;
    private static final VarHandle BASIC_REMOTE;
    private static final VarHandle ASYNC_REMOTE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            USER_PROPERTIES = lookup.findVarHandle(WsSession.class, "userProperties", Map.class);
            BASIC_REMOTE = lookup.findVarHandle(WsSession.class, "basicRemote", BasicRemote.class);
            ASYNC_REMOTE = lookup.findVarHandle(WsSession.class, "asyncRemote", AsyncRemote.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The id is made from these when first asked for: an idle session holds no string of its own. */
    private final String idPrefix;
    private final long idNumber;
    /** The id once made; racy like String's hash: two threads may each make an equal string. */
    private String id;
    private final WebSocketConnection ws;
    private final Endpoint endpoint;
    private final EndpointConfig config;
    private final WebSocketContainer container;
    private final SessionRequest request;
    private final Set<Session> openSessions;
    private final SerialExecutor serial;
    private final MessageHandlers handlers;
    /** Null until first asked for, when the endpoint configuration had none to copy. */
    private volatile Map<String, Object> userProperties;
    private final MessageSender sender;
    private final SessionEncoders encoders;
    /** The remotes are made when first asked for (one each, set once): an idle session may never send. */
    private volatile BasicRemote basicRemote;
    private volatile AsyncRemote asyncRemote;
    /** What the async remote's {@code SendHandler}s run on. */
    private final Executor readerFreeExecutor;
    private final InboundDispatcher inbound;
    private final SessionInstances instances;
    /** The application's container integration's view of this session, or null without one. */
    private final SessionObserver observer;

    private volatile boolean open = true;
    private volatile Runnable afterClose = () -> { };
    /** Whether {@link #close(CloseReason)} was called: the application (or its container) ended the session. */
    private volatile boolean closeAsked;
    /** What {@code onClose} was told; null while open. */
    private volatile CloseReason closedWith;
    private volatile long maxIdleTimeout;
    private volatile int maxTextMessageBufferSize;
    private volatile int maxBinaryMessageBufferSize;

    /**
     * @param idPrefix with {@code idNumber} in hexadecimal, the session's id
     * @param inboundBudget the bytes of inbound messages all sessions of the container may hold together
     * @param openSessions the live set of open sessions of the same endpoint, shared between them
     * @param callbackExecutor runs endpoint code (and completion callbacks of async sends)
     * @param readerFreeExecutor runs what {@code callbackExecutor} would where that could be the
     *     thread that reads the connection, for code that must not run there: endpoint code that
     *     waits for the peer's input (a streamed message's handler), and {@code SendHandler}s, which
     *     endpoint code on that thread may wait for; the same executor where callbacks never run
     *     on that thread
     * @param encoders the endpoint's encoders, analysed at deployment; this session gets its own instances
     * @param decoders the endpoint configuration's decoders, for message handlers of custom types; this
     *     session makes its own instances when the first such handler is added
     * @param applicationLoader the context class loader for endpoint code (the application's)
     * @param instances the application instances of this session (the endpoint's among them),
     *     released when it ends; their integration, if any, observes the session
     * @param endpointPath the full path of a server session's endpoint, null for a client session
     */
    public WsSession(String idPrefix, long idNumber, WebSocketConnection ws, Endpoint endpoint, EndpointConfig config,
                     WebSocketContainer container, SessionRequest request, SessionSettings settings,
                     InboundBudget inboundBudget, Set<Session> openSessions, Executor callbackExecutor,
                     Executor readerFreeExecutor, EncoderSet encoders,
                     DecoderSet decoders, ClassLoader applicationLoader, SessionInstances instances,
                     String endpointPath) {
        this.idPrefix = idPrefix;
        this.idNumber = idNumber;
        this.ws = ws;
        this.endpoint = endpoint;
        this.config = config;
        this.container = container;
        this.request = request;
        this.openSessions = openSessions;
        this.instances = instances;
        // First of what may fail: a failed session is then released with instances.releaseAll() alone.
        this.encoders = encoders.open(instances);
        // Only its identity is used until it opens; the integration keeps it to hand to observers.
        this.observer = instances.integration() == null ? null : instances.integration().observe(this, endpointPath);
        this.serial = new SerialExecutor(callbackExecutor, applicationLoader, observer);
        this.handlers = new MessageHandlers(decoders, config, instances);
        // Jakarta WebSocket 2.2 §2.1.1: a copy of the endpoint configuration's user properties.
        this.userProperties = copyOf(config);
        this.maxIdleTimeout = settings.idleTimeoutMillis();
        this.maxTextMessageBufferSize = settings.maxTextMessageBufferSize();
        this.maxBinaryMessageBufferSize = settings.maxBinaryMessageBufferSize();
        this.sender = new MessageSender(ws, settings.sendTimeoutMillis(), settings.sendQueuePolicy(),
                settings.sendStallTimeoutMillis());
        this.readerFreeExecutor = readerFreeExecutor;
        this.inbound = new InboundDispatcher(this, ws, settings.maxPendingMessages(),
                settings.maxPendingBytes(), inboundBudget);
        // The dispatcher tells whether a thread is the reading one: no method reference of our own to hold.
        serial.awayFromReader(readerFreeExecutor, inbound);
    }

    /**
     * The session's copy of the configuration's user properties, or null when there is nothing to
     * copy: {@link #getUserProperties} then makes an empty map when first asked.
     */
    private static Map<String, Object> copyOf(EndpointConfig config) {
        if (config instanceof UserPropertiesOnDemand onDemand && !onDemand.hasUserProperties()) {
            return null; // asking for its map would make one
        }
        Map<String, Object> properties = config.getUserProperties();
        return properties.isEmpty() ? null : new ConcurrentHashMap<>(properties);
    }

    /**
     * Counts the session among its endpoint's open sessions. Called before the 101 response goes
     * out, so that an undeploy or shutdown that starts once the client has its answer closes it too.
     */
    public void admit() {
        openSessions.add(this);
    }

    /** The connection ended between {@link #admit()} and {@link #open}: the session never opened. */
    public void abandon() {
        openSessions.remove(this);
        instances.releaseAll();
        if (observer != null) {
            serial.execute(() -> observer.closed(new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY,
                    "the connection closed before the session opened")));
        }
    }

    /**
     * Opens the session on the event loop right after the handshake: reading pauses until the
     * endpoint's {@code onOpen} has run (it registers the message handlers), then {@code leftover}
     * (bytes that followed the handshake) is read first.
     *
     * @return completes once {@code onOpen} has returned (or thrown and been passed to {@code onError})
     */
    public CompletableFuture<Void> open(ByteBuffer leftover) {
        CompletableFuture<Void> opened = new CompletableFuture<>();
        ws.suspendReads();
        ws.start(inbound);
        ws.setIdleTimeout(maxIdleTimeout);
        serial.execute(() -> {
            try {
                if (observer != null) {
                    observer.opened();
                }
                encoders.init(config);
                endpoint.onOpen(this, config);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "onOpen of " + endpoint.getClass().getName() + " threw; passed to onError", e);
                onEndpointError(e);
            } catch (Error e) {
                LOG.log(System.Logger.Level.WARNING, "onOpen of " + endpoint.getClass().getName() + " threw; closing with 1011", e);
                onEndpointFailure(e);
            } finally {
                ws.executeOnLoop(() -> {
                    if (leftover != null && leftover.hasRemaining()) {
                        ws.readLeftover(leftover);
                    }
                    inbound.startReading();
                });
                opened.complete(null);
            }
        });
        return opened;
    }

    /** This session's message handlers (the dispatcher asks for them rather than holding them too). */
    MessageHandlers handlers() {
        return handlers;
    }

    /** Runs this session's endpoint code, one callback at a time. */
    SerialExecutor serial() {
        return serial;
    }

    /** Serial executor: endpoint or handler code threw, or the transport failed. */
    void onEndpointError(Throwable error) {
        try {
            endpoint.onError(this, error);
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.WARNING, "onError of " + endpoint.getClass().getName() + " threw", e);
        }
    }

    /**
     * Serial executor: endpoint code threw an {@link Error} (OutOfMemoryError, StackOverflowError,
     * a failed assertion). After onError the session is closed with 1011 (RFC 6455 §7.4.1: an
     * unexpected condition prevented the server from fulfilling the request): the endpoint's state
     * cannot be trusted any more. The callback thread and the other sessions go on.
     */
    void onEndpointFailure(Error error) {
        onEndpointError(error);
        ws.close(CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(), "internal error");
    }

    /** Serial executor: the connection is closed. */
    void onClosed(int code, String reason) {
        openSessions.remove(this);
        CloseReason closeReason = new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason);
        closedWith = closeReason;
        try {
            endpoint.onClose(this, closeReason);
        } catch (RuntimeException | Error e) {
            onEndpointError(e);
        } finally {
            // Closed for others only once onClose has run, as the reference implementation does: code
            // that waits while isOpen() (the TCK's session tests) then sees what onClose did.
            open = false;
            encoders.destroy();
            handlers.destroyDecoders();
            instances.releaseAll();
            if (observer != null) {
                observer.closed(closeReason);
            }
            afterClose.run();
        }
    }

    /**
     * Whether the session was closed by a call to {@code close}, from the application or its
     * container, rather than by the peer, a timeout or the network.
     *
     * @return true once {@code close} was called
     */
    public boolean closedByApplication() {
        return closeAsked;
    }

    /**
     * What {@code onClose} was told.
     *
     * @return the close reason, or null while the session has not closed
     */
    public CloseReason closedWith() {
        return closedWith;
    }

    /** Runs {@code action} once {@code onClose} has run; set before the session opens. */
    public void afterClose(Runnable action) {
        this.afterClose = action;
    }

    /** The application instances of {@code session}'s endpoint (plain ones for a session of another runtime). */
    public static SessionInstances instancesOf(Session session) {
        return session instanceof WsSession ws ? ws.instances : SessionInstances.plain();
    }

    @Override
    public WebSocketContainer getContainer() {
        return container;
    }

    @Override
    public void addMessageHandler(MessageHandler handler) {
        Class<?> iface = handler instanceof MessageHandler.Partial ? MessageHandler.Partial.class : MessageHandler.Whole.class;
        handlers.add(HandlerTypes.messageType(handler.getClass(), iface), handler);
    }

    @Override
    public <T> void addMessageHandler(Class<T> type, MessageHandler.Whole<T> handler) {
        handlers.add(type, handler);
    }

    @Override
    public <T> void addMessageHandler(Class<T> type, MessageHandler.Partial<T> handler) {
        handlers.add(type, handler);
    }

    @Override
    public Set<MessageHandler> getMessageHandlers() {
        return handlers.all();
    }

    @Override
    public void removeMessageHandler(MessageHandler handler) {
        handlers.remove(handler);
    }

    @Override
    public String getProtocolVersion() {
        return "13";
    }

    @Override
    public String getNegotiatedSubprotocol() {
        return request.subprotocol();
    }

    @Override
    public List<Extension> getNegotiatedExtensions() {
        return request.extensions();
    }

    @Override
    public boolean isSecure() {
        return request.secure();
    }

    /**
     * True until the connection has closed (Jakarta WebSocket: "if and only if the underlying socket
     * is open"): during a close handshake the session is still open, though nothing more can be
     * sent; it turns false once {@code onClose} has run (inside {@code onClose} it is still true, as
     * in the reference implementation).
     */
    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public long getMaxIdleTimeout() {
        return maxIdleTimeout;
    }

    @Override
    public void setMaxIdleTimeout(long milliseconds) {
        this.maxIdleTimeout = Math.max(0, milliseconds);
        ws.setIdleTimeout(this.maxIdleTimeout);
    }

    @Override
    public void setMaxBinaryMessageBufferSize(int length) {
        this.maxBinaryMessageBufferSize = length;
    }

    @Override
    public int getMaxBinaryMessageBufferSize() {
        return maxBinaryMessageBufferSize;
    }

    @Override
    public void setMaxTextMessageBufferSize(int length) {
        this.maxTextMessageBufferSize = length;
    }

    @Override
    public int getMaxTextMessageBufferSize() {
        return maxTextMessageBufferSize;
    }

    @Override
    public RemoteEndpoint.Async getAsyncRemote() {
        AsyncRemote remote = asyncRemote;
        return remote != null ? remote : SetOnce.first(ASYNC_REMOTE, this, new AsyncRemote(sender, encoders, readerFreeExecutor, this));
    }

    @Override
    public RemoteEndpoint.Basic getBasicRemote() {
        BasicRemote remote = basicRemote;
        return remote != null ? remote : SetOnce.first(BASIC_REMOTE, this, new BasicRemote(sender, encoders));
    }

    /**
     * What the server's admin view shows of this session's connection: its peer, queued bytes and
     * counts, read now.
     *
     * @return the connection's traffic
     */
    public WebSocketConnection.Traffic traffic() {
        return ws.traffic();
    }

    /**
     * The raw path of the request that opened the session, as {@code getRequestURI().getRawPath()}
     * gives it but without parsing the URI.
     *
     * @return the request's path
     */
    public String requestPath() {
        return request.requestPath();
    }

    @Override
    public String getId() {
        String made = id;
        if (made == null) {
            made = idPrefix + Long.toHexString(idNumber);
            id = made;
        }
        return made;
    }

    @Override
    public void close() throws IOException {
        close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, ""));
    }

    @Override
    public void close(CloseReason reason) throws IOException {
        closeAsked = true;
        // 1005, 1006 and 1015 only describe a close; the connection sends them as a close without a code.
        ws.close(reason.getCloseCode().getCode(), reason.getReasonPhrase());
    }

    @Override
    public URI getRequestURI() {
        return request.requestUri();
    }

    @Override
    public Map<String, List<String>> getRequestParameterMap() {
        return request.parameters();
    }

    @Override
    public String getQueryString() {
        return request.queryString();
    }

    @Override
    public Map<String, String> getPathParameters() {
        return request.pathParameters();
    }

    @Override
    public Map<String, Object> getUserProperties() {
        return UserPropertiesOnDemand.madeOnDemand(USER_PROPERTIES, this);
    }

    @Override
    public Principal getUserPrincipal() {
        return request.principal();
    }

    @Override
    public Set<Session> getOpenSessions() {
        return Collections.unmodifiableSet(Set.copyOf(openSessions));
    }

    @Override
    public String toString() {
        return "WsSession[" + getId() + " " + request.requestUri() + "]";
    }
}
