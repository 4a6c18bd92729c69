package io.wssocket.client.internal;

import io.wssocket.client.ClientConfig;
import io.wssocket.client.ReconnectListener;

import io.wssocket.handshake.ClientHandshakeRequest;
import io.wssocket.handshake.ExtensionOffer;
import io.wssocket.handshake.PerMessageDeflate;
import io.wssocket.protocol.Compression;
import io.wssocket.protocol.DeflateConfig;
import io.wssocket.protocol.ProtocolEvents;
import io.wssocket.handshake.HandshakeFailedException;
import io.wssocket.handshake.JakartaExtension;
import io.wssocket.handshake.ProxyAddress;
import io.wssocket.handshake.QueryParameters;
import io.wssocket.protocol.WebSocketConnection;
import io.wssocket.session.DecoderSet;
import io.wssocket.session.EncoderSet;
import io.wssocket.session.SessionRequest;
import io.wssocket.session.InboundBudget;
import io.wssocket.session.SessionSettings;
import io.wssocket.session.WsSession;
import io.wssocket.transport.Connection;
import io.wssocket.transport.TlsContext;
import io.wssocket.wire.MaskKeySource;
import io.wssocket.wire.ZlibPool;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLEngine;
import java.util.function.Supplier;

/**
 * Opens client sessions: connects the socket (directly or to the proxy) within the connect
 * timeout on the calling thread, hands it to an event loop for the tunnel and the opening
 * handshake, then opens a {@link WsSession} on it and returns once the endpoint's {@code onOpen}
 * has run. Every failure leaves nothing behind: the socket is closed and the transport released.
 */
final class ClientConnector {
    /** A {@code ClientEndpointConfig} user property that overrides the container's proxy for one connection. */
    public static final String PROXY_PROPERTY = "io.wssocket.client.proxy";

    private static final SecureRandom KEYS = new SecureRandom();
    /** Beyond the handshake timeout, which the event loop enforces itself: only a stuck loop reaches this. */
    private static final long GRACE_MILLIS = 5_000;

    private final ClientConfig config;
    private final ClientSettings client;
    private final ClientTransport transport;
    private final WebSocketContainer container;
    private final Supplier<SessionSettings> settings;
    private final InboundBudget inboundBudget;
    private final Set<Session> openSessions;
    private final String idPrefix = "c" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 20) + "-";
    private final AtomicLong ids = new AtomicLong();
    private volatile TlsContext tls;
    /** The deflaters and inflaters this container's connections borrow per message. */
    private final ZlibPool deflatePool;
    private final Reconnector reconnector;

    /**
     * @param container what the sessions report as their container
     * @param settings the defaults a session opened now starts with
     * @param inboundBudget the bytes of inbound messages the container's sessions hold together
     * @param openSessions the live set of open client sessions, kept up to date by the sessions
     */
    public ClientConnector(ClientSettings client, ClientTransport transport, WebSocketContainer container,
                           Supplier<SessionSettings> settings, InboundBudget inboundBudget, Set<Session> openSessions) {
        this.config = client.config();
        this.client = client;
        this.transport = transport;
        this.container = container;
        this.settings = settings;
        this.inboundBudget = inboundBudget;
        this.openSessions = openSessions;
        this.reconnector = new Reconnector(config);
        DeflateConfig deflate = client.connection().deflate();
        this.deflatePool = new ZlibPool(deflate.level(), deflate.poolSize(),
                deflate.contextTakeover() ? deflate.contextMemory() : 0);
    }

    /**
     * Permessage-deflate as the server answered it (already checked by the handshake's validator),
     * or null when it did not accept it. An inflater kept for a server that takes its context over
     * is counted in the container's context budget whatever it says (the client cannot refuse it
     * now); its own deflater is kept only when allowed and within the budget (§7.1.1.2: a client
     * may always reset).
     */
    private Compression compression(List<ExtensionOffer> accepted) {
        for (ExtensionOffer e : accepted) {
            if (e.name().equalsIgnoreCase(PerMessageDeflate.NAME)) {
                PerMessageDeflate.Agreement a = PerMessageDeflate.acceptResponse(e, config.deflateContextTakeover());
                boolean keepOwn = a.keepsOwnContext() && deflatePool.reserveContext(ZlibPool.KEPT_DEFLATER_BYTES);
                long bytes = keepOwn ? ZlibPool.KEPT_DEFLATER_BYTES : 0;
                if (a.peerTakesContextOver()) {
                    deflatePool.forceReserveContext(ZlibPool.KEPT_INFLATER_BYTES);
                    bytes += ZlibPool.KEPT_INFLATER_BYTES;
                }
                return new Compression(deflatePool, a.peerTakesContextOver(), a.deflateOutbound(), keepOwn,
                        client.connection().deflate().threshold(), bytes);
            }
        }
        return null;
    }

    /** {@code connectToServer} of an {@code @ClientEndpoint} instance; a reconnection uses the same instance. */
    public Session connect(Object annotatedEndpoint, URI uri) throws DeploymentException, IOException {
        return connect(() -> ClientEndpoints.annotated(annotatedEndpoint), uri, null);
    }

    /** {@code connectToServer} of an {@code @ClientEndpoint} class; a reconnection makes a new instance. */
    public Session connect(Class<?> annotatedEndpointClass, URI uri) throws DeploymentException, IOException {
        return connect(() -> ClientEndpoints.annotated(annotatedEndpointClass), uri, null);
    }

    /** {@code connectToServer} of a programmatic endpoint instance; a reconnection uses the same instance. */
    public Session connect(Endpoint endpoint, ClientEndpointConfig config, URI uri) throws DeploymentException, IOException {
        return connect(() -> ClientEndpoints.programmatic(endpoint, config), uri, null);
    }

    /** {@code connectToServer} of a programmatic endpoint class; a reconnection makes a new instance. */
    public Session connect(Class<? extends Endpoint> endpointClass, ClientEndpointConfig config, URI uri)
            throws DeploymentException, IOException {
        return connect(() -> ClientEndpoints.programmatic(endpointClass, config), uri, null);
    }

    /** Stops the reconnections under way: the container closes its sessions. */
    void cancelReconnections() {
        reconnector.cancelAll();
    }

    /** Makes the endpoint and its configuration, again for each reconnection. */
    @FunctionalInterface
    private interface Preparation {
        ClientEndpoints.Prepared prepare() throws DeploymentException;
    }

    /** @param carried the reconnection attempts that led to this connection, or null */
    private Session connect(Preparation preparation, URI uri, Reconnector.Attempts carried)
            throws DeploymentException, IOException {
        ClientEndpoints.Prepared prepared = preparation.prepare();
        try {
            return open(prepared, uri, preparation, carried);
        } catch (DeploymentException | IOException | RuntimeException | Error e) {
            prepared.instances().releaseAll(); // nothing of a failed connection stays
            throw e;
        }
    }

    /** The endpoint's {@link ClientConfig#RECONNECT_LISTENER_PROPERTY}, or null. */
    private static ReconnectListener reconnectListener(ClientEndpointConfig cec, String owner) throws DeploymentException {
        Object listener = cec.getUserProperties().get(ClientConfig.RECONNECT_LISTENER_PROPERTY);
        if (listener == null || listener instanceof ReconnectListener) {
            return (ReconnectListener) listener;
        }
        throw new DeploymentException("endpoint " + owner + ": user property " + ClientConfig.RECONNECT_LISTENER_PROPERTY
                + " must be an " + ReconnectListener.class.getName() + ", not a " + listener.getClass().getName());
    }

    /**
     * Whether this connection offers permessage-deflate. The endpoint's user property decides when
     * set; otherwise the Jakarta WebSocket spec's rule, that a client offers the extensions its
     * {@code ClientEndpointConfig} lists (none by default: the TCK checks that such a session
     * negotiates none), unless option permessage-deflate-offer has every connection offer it.
     */
    private boolean offersDeflate(ClientEndpointConfig cec) {
        if (cec.getUserProperties().containsKey(ClientConfig.PERMESSAGE_DEFLATE_PROPERTY)) {
            return config.permessageDeflateFor(cec.getUserProperties());
        }
        boolean asked = config.permessageDeflateOffer()
                || cec.getExtensions().stream().anyMatch(e -> PerMessageDeflate.NAME.equalsIgnoreCase(e.getName()));
        return config.permessageDeflate() && asked;
    }

    private Session open(ClientEndpoints.Prepared prepared, URI uri, Preparation preparation, Reconnector.Attempts carried)
            throws DeploymentException, IOException {
        Target target = Target.of(uri);
        ClientEndpointConfig cec = prepared.config();
        String owner = prepared.endpointClass().getName();
        EncoderSet encoders = EncoderSet.of(owner, cec.getEncoders());
        DecoderSet decoders = DecoderSet.of(owner, cec.getDecoders());
        ProxyAddress proxy = proxyFor(cec);
        boolean reconnects = config.reconnectFor(cec.getUserProperties());
        ReconnectListener listener = reconnects ? reconnectListener(cec, owner) : null;
        ClientHandshakeRequest request;
        try {
            request = ClientRequestHeaders.build(uri, cec, KEYS, offersDeflate(cec), config.deflateContextTakeover());
        } catch (IllegalArgumentException e) {
            throw new DeploymentException("endpoint " + owner + ": cannot send the opening handshake: " + e.getMessage(), e);
        }

        ClientTransport.Lease lease = transport.acquire();
        Connection connection = null;
        WebSocketConnection ws = null;
        try {
            SocketChannel channel = open(proxy != null ? proxy.host() : target.host(), proxy != null ? proxy.port() : target.port());
            SSLEngine engine = target.secure() ? tls().clientEngine(target.host(), target.port()) : null;
            // Through a proxy, TLS starts inside the tunnel, once the proxy has opened it.
            ClientHandshakeHandler handshake = new ClientHandshakeHandler(request, proxy, target.host(), target.port(),
                    proxy != null ? engine : null, client.connection().handshakeLimits(), config.handshakeTimeoutMillis());
            lease.loop().register(channel, proxy == null ? engine : null, handshake, handshake::onRegistered);
            ClientHandshakeHandler.Upgraded upgraded = await(handshake.outcome(), config.handshakeTimeoutMillis() + GRACE_MILLIS);
            connection = upgraded.connection();
            cec.getConfigurator().afterResponse(new ClientHandshakeResponse(mutableCopy(upgraded.handshake().response().headers())));

            ws = new WebSocketConnection(connection, client.connection().protocol(), 0,
                    new MaskKeySource(), ProtocolEvents.NONE, null, null, compression(upgraded.handshake().extensions()));
            SessionRequest sessionRequest = new SessionRequest(uri.toString(), uri.getRawQuery(), QueryParameters.parse(uri.getRawQuery()),
                    Map.of(), upgraded.handshake().subprotocol(), JakartaExtension.of(upgraded.handshake().extensions()),
                    target.secure(), null);
            WsSession session = new WsSession(idPrefix, ids.incrementAndGet(), ws, prepared.endpoint(), cec,
                    container, sessionRequest, settings.get(), inboundBudget, openSessions, lease.callbacks(),
                    lease.callbacks(), encoders, decoders,
                    prepared.endpointClass().getClassLoader(), prepared.instances(), null);
            if (reconnects) {
                long openedAt = System.nanoTime();
                session.afterClose(() -> {
                    lease.release();
                    reconnector.closed(session, openedAt, carried, attempts -> connect(preparation, uri, attempts), listener);
                });
            } else {
                session.afterClose(lease::release);
            }
            session.admit();
            await(open(session, ws, connection, upgraded), Long.MAX_VALUE);
            return session;
        } catch (HandshakeFailedException e) {
            lease.release();
            throw new DeploymentException("cannot connect to " + uri + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException | Error e) {
            if (ws != null) {
                ws.abandon(); // gives back the compression's context budget
            }
            if (connection != null) {
                connection.abort(e);
            }
            lease.release();
            throw e;
        }
    }

    /** Starts the session on its event loop; completes when onOpen has run, or fails when the socket closed first. */
    private static CompletableFuture<Void> open(WsSession session, WebSocketConnection ws, Connection connection,
                                                ClientHandshakeHandler.Upgraded upgraded) {
        CompletableFuture<Void> opened = new CompletableFuture<>();
        connection.loop().execute(() -> {
            if (connection.isOpen()) {
                session.open(upgraded.leftover()).whenComplete((v, e) -> opened.complete(null));
            } else {
                session.abandon();
                ws.abandon();
                opened.completeExceptionally(new IOException("the server closed the connection right after its 101 response"));
            }
        });
        return opened;
    }

    private SocketChannel open(String host, int port) throws IOException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IOException("cannot resolve host " + host);
        }
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, config.tcpNoDelay());
            channel.socket().connect(address, (int) Math.min(Integer.MAX_VALUE, config.connectTimeoutMillis()));
            return channel;
        } catch (SocketTimeoutException e) {
            channel.close();
            throw new SocketTimeoutException("cannot connect to " + address + " within the connect timeout of "
                    + config.connectTimeoutMillis() + " ms");
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw new IOException("cannot connect to " + address + ": " + e.getMessage(), e);
        }
    }

    /** The client's TLS, read from the configured trust store when first needed. */
    private TlsContext tls() throws DeploymentException {
        TlsContext context = tls;
        if (context == null) {
            try {
                context = client.tlsContext();
            } catch (IllegalArgumentException e) {
                throw new DeploymentException("cannot set up TLS for wss://: " + e.getMessage(), e);
            }
            tls = context;
        }
        return context;
    }

    private ProxyAddress proxyFor(ClientEndpointConfig cec) throws DeploymentException {
        Object override = cec.getUserProperties().get(PROXY_PROPERTY);
        if (override == null) {
            return client.proxy();
        }
        try {
            return ProxyAddress.parse(override.toString());
        } catch (IllegalArgumentException e) {
            throw new DeploymentException("user property " + PROXY_PROPERTY + ": " + e.getMessage(), e);
        }
    }

    private static <T> T await(CompletableFuture<T> future, long timeoutMillis) throws IOException {
        try {
            return timeoutMillis == Long.MAX_VALUE ? future.get() : future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw new InterruptedIOException("interrupted while connecting");
        } catch (TimeoutException e) {
            throw new SocketTimeoutException("the opening handshake did not finish within " + timeoutMillis + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(cause);
        }
    }

    private static Map<String, List<String>> mutableCopy(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, new java.util.ArrayList<>(values)));
        return copy;
    }

    /** Where a {@code ws://} or {@code wss://} URI points. */
    private record Target(String host, int port, boolean secure) {
        static Target of(URI uri) throws DeploymentException {
            if (uri == null) {
                throw new DeploymentException("the URI must not be null");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("ws") && !scheme.equals("wss")) {
                throw new DeploymentException("a WebSocket URI starts with ws:// or wss://, not " + uri + " (RFC 6455 §3)");
            }
            if (uri.getHost() == null) {
                throw new DeploymentException("the WebSocket URI " + uri + " has no host (RFC 6455 §3)");
            }
            String host = uri.getHost();
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            boolean secure = scheme.equals("wss");
            return new Target(host, uri.getPort() > 0 ? uri.getPort() : secure ? 443 : 80, secure);
        }
    }
}
