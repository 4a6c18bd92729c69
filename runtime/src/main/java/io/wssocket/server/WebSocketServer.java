package io.wssocket.server;

import io.wssocket.session.CallbackExecutors;
import io.wssocket.client.internal.ClientTransport;
import io.wssocket.cluster.Cluster;
import io.wssocket.protocol.SharedTextFrames;
import io.wssocket.session.InboundBudget;
import io.wssocket.transport.EventLoopGroup;
import io.wssocket.transport.OutboundBudget;
import io.wssocket.transport.TlsContext;
import io.wssocket.transport.TlsHandshakes;
import io.wssocket.wire.ZlibPool;
import io.wssocket.wire.CloseCodes;
import io.wssocket.spi.MetricsExposition;
import jakarta.websocket.CloseReason;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import jakarta.websocket.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The standalone WebSocket server: a listening socket, an acceptor thread, event loops that own
 * the connections, the executor that runs handshakes and the one that runs endpoint code.
 *
 * <pre>{@code
 * try (WebSocketServer server = WebSocketServer.create(ServerConfig.builder().port(8080).build())) {
 *     server.container().addEndpoint(ServerEndpointConfig.Builder.create(Echo.class, "/echo").build());
 *     server.start();
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link #drain()} takes the server out of a load balancer's rotation before it stops: see
 * "Draining a node" in the guide.
 */
public final class WebSocketServer implements AutoCloseable {
    /**
     * User property of a connection's {@code ServerEndpointConfig} (seen by the configurator's
     * {@code modifyHandshake}) and of its {@code Session}: the client's address as an
     * {@link InetSocketAddress}. It is the address a trusted proxy reported (a PROXY protocol
     * header, a Forwarded or X-Forwarded-For header; port 0 when the header named none), else the
     * socket's peer. Set only when option proxy-protocol or forwarded-headers is on; without them
     * the runtime adds nothing to a connection.
     */
    public static final String REMOTE_ADDRESS_PROPERTY = "io.wssocket.remote-address";
    /**
     * User property beside {@link #REMOTE_ADDRESS_PROPERTY}: the socket's peer as an
     * {@link InetSocketAddress}, that is the proxy in front when one reported the client's address.
     * Set under the same conditions.
     */
    public static final String PEER_ADDRESS_PROPERTY = "io.wssocket.peer-address";

    private static final System.Logger LOG = System.getLogger(WebSocketServer.class.getName());

    private final ServerConfig config;
    private final WsServerContainer container;
    private final Runtime runtime = new Runtime();
    private final ServerResources resources;
    private final OperatorLog operatorLog;
    /**
     * Accepted sockets not yet closed, counted from accept on: the loops count a connection only
     * once registered, and a burst of accepts runs ahead of them.
     */
    private final AtomicInteger openSockets = new AtomicInteger();
    /** What a connection's close runs when its address is not known: one for all of them. */
    private final Runnable socketClosed = openSockets::decrementAndGet;
    /** Connections per address; what each closing connection runs is its address's count, shared. */
    private final AddressCounter perAddress = new AddressCounter(socketClosed);
    private final OutboundBudget outboundBudget;
    /** Options proxy-protocol and forwarded-headers, read once: a connection without them pays nothing for them. */
    private final boolean proxyProtocol;
    private final boolean proxyMayTellAddress;

    private EventLoopGroup loops;
    private TlsContext tls;
    private TlsHandshakes tlsHandshakes;
    private ExecutorService callbacks;
    private ExecutorService handshakes;
    private ServerSocketChannel listener;
    private Thread acceptor;
    private volatile boolean running;
    private volatile boolean closed;

    // Health and drain
    /** Health-port connections open at once beyond which one more is closed unanswered. */
    static final int MAX_HEALTH_CONNECTIONS = 64;
    /** The health endpoints (option health-path), or null for none. */
    private final HealthEndpoints health;
    private volatile HealthEndpoints.Readiness readiness = HealthEndpoints.Readiness.STARTING;
    private final AtomicInteger healthSockets = new AtomicInteger();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private ServerSocketChannel healthChannel;
    private Thread healthAcceptor;
    private final AtomicBoolean drainBegun = new AtomicBoolean();
    /** Option metrics' scrape, beside the health endpoints; null when off. */
    private volatile MetricsEndpoint metrics;
    /** When {@link #start()} began to serve; null before. */
    private volatile Instant startedAt;

    private WebSocketServer(ServerConfig config) {
        this.config = config;
        this.container = new WsServerContainer(config, this::clientLease);
        this.outboundBudget = new OutboundBudget(config.maxOutboundBytes());
        this.resources = new ServerResources(config);
        this.operatorLog = resources.operatorLog();
        this.health = config.healthPath().isEmpty() ? null
                : new HealthEndpoints(config.healthPath(), () -> readiness, this::drain,
                        config.healthPort() > 0 && config.adminView() ? new AdminView(config.healthPath(), this) : null);
        this.proxyProtocol = config.proxyProtocol();
        this.proxyMayTellAddress = proxyProtocol || !config.forwardedHeaders().equals("off");
    }

    /**
     * A server with this configuration, not yet listening: deploy endpoints on its
     * {@link #container()}, then {@link #start()} it.
     *
     * @param config the listening address, limits, timeouts and TLS
     * @return the new server
     */
    public static WebSocketServer create(ServerConfig config) {
        return new WebSocketServer(config);
    }

    /**
     * Client sessions opened through this server's container share its event loops and endpoint
     * executor while it runs; before it starts they use the JVM's shared client loops.
     */
    private synchronized ClientTransport.Lease clientLease() {
        return running ? ClientTransport.borrowed(loops.next(), callbacks) : ClientTransport.shared().acquire();
    }

    /**
     * Where endpoints are deployed, before or after {@link #start()}.
     *
     * @return this server's {@code ServerContainer}
     */
    public WsServerContainer container() {
        return container;
    }

    /**
     * The cluster this server joined at {@link #start()} (option {@code cluster-name}): broadcast to
     * a path or group on every node, send to a session anywhere, presence.
     *
     * @return the cluster
     * @throws IllegalStateException when the server has no cluster or is not serving
     */
    public Cluster cluster() {
        return container.cluster();
    }

    /**
     * The configuration this server was created with.
     *
     * @return the configuration
     */
    public ServerConfig config() {
        return config;
    }

    /**
     * Binds the listening socket and starts serving.
     *
     * @throws IOException when the address cannot be bound (in use, not local, not permitted)
     * @throws IllegalStateException when the server was started or closed before
     */
    public synchronized void start() throws IOException {
        if (running || closed) {
            throw new IllegalStateException(closed ? "server was closed" : "server already started");
        }
        MetricsExposition exposition = resources.events().requiredExposition();
        tls = config.tls().serverEnabled() ? config.tls().serverContext() : null;
        ServerSocketChannel channel = bind(config.host(), config.port(), config.backlog());
        if (health != null && config.healthPort() > 0) {
            try {
                healthChannel = bind(config.healthHost(), config.healthPort(), 64);
            } catch (IOException e) {
                channel.close();
                throw new IOException("health-port: " + e.getMessage(), e);
            }
        }
        if (config.clusterSettings() != null) {
            try {
                container.cluster(ClusterMessaging.join(config));
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
        listener = channel;
        callbacks = CallbackExecutors.create("wssocket-endpoint", config.virtualThreads(), config.callbackThreads(),
                config.callbackThreadsMax());
        handshakes = HandshakeExecutor.create("wssocket-handshake", config.handshakeThreads(), config.handshakeQueue());
        tlsHandshakes = new TlsHandshakes("wssocket-tls", config.tlsHandshakeThreads(), config.maxTlsHandshakes());
        long stallNanos = resources.events().loopStallThresholdNanos();
        loops = new EventLoopGroup("wssocket-loop", config.connection().transport(), tlsHandshakes, outboundBudget,
                stallNanos > 0 ? resources.events() : null, stallNanos);
        metrics = exposition == null ? null : new MetricsEndpoint(config.healthPath(), exposition);
        resources.events().serverStarted(new RuntimeGauges(container, this::connectionCount, loops, outboundBudget,
                callbacks, handshakes, tls == null ? null : tlsHandshakes));
        running = true;
        startedAt = Instant.now();
        readiness = HealthEndpoints.Readiness.READY;
        acceptor = new Thread(() -> acceptLoop(listener, this::accepted), "wssocket-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        if (healthChannel != null) {
            healthAcceptor = new Thread(() -> acceptLoop(healthChannel, this::acceptedHealthProbe), "wssocket-health-acceptor");
            healthAcceptor.setDaemon(true);
            healthAcceptor.start();
        }
        resources.start(String.valueOf(port()), this::connectionCount, () -> ServerResources.sessionsByPath(container),
                container::totalTraffic);
        LOG.log(System.Logger.Level.INFO, "WS Socket listening on " + localAddress() + (tls != null ? " (wss, TLS)" : "")
                + (healthChannel != null ? "; health endpoints on http://" + address(healthChannel) + config.healthPath() : "")
                + (healthChannel != null && health.answersOffLoop(config.healthPath() + "/admin")
                        ? "; admin view on http://" + address(healthChannel) + config.healthPath() + "/admin (for loopback"
                        + (config.adminAllow().isBlank() ? "" : " and " + config.adminAllow()) + " only)" : ""));
    }

    /** A listening socket on {@code host:port}; every failure names the address. */
    private static ServerSocketChannel bind(String host, int port, int backlog) throws IOException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            // bind would throw an UnresolvedAddressException that names nothing
            throw new IOException("cannot listen on " + host + ":" + port + ": " + host
                    + " is not an IP address and no host of that name is known");
        }
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(address, backlog);
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return channel;
    }

    private static InetSocketAddress address(ServerSocketChannel channel) {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("server is not listening", e);
        }
    }

    /**
     * The address of the health-port listener (option health-port), with the port the system
     * chose when none was given.
     *
     * @return the bound address, or null when the health endpoints are served on the main port or not at all
     * @throws IllegalStateException when the server is not listening
     */
    public InetSocketAddress healthAddress() {
        return healthChannel == null ? null : address(healthChannel);
    }

    /**
     * The address the server listens on, with the port the system chose when the configuration
     * asked for port 0.
     *
     * @return the bound address
     * @throws IllegalStateException when the server is not listening
     */
    public InetSocketAddress localAddress() {
        if (listener == null) {
            throw new IllegalStateException("server is not listening");
        }
        return address(listener);
    }

    /**
     * The port the server listens on.
     *
     * @return the bound port
     * @throws IllegalStateException when the server is not listening
     */
    public int port() {
        return localAddress().getPort();
    }

    /** The event loops serving this server while it runs (null before start), for monitoring and tests. */
    EventLoopGroup eventLoops() {
        return loops;
    }

    /** The bytes queued for sending on all this server's connections together (option max-outbound-bytes). */
    OutboundBudget outboundBudget() {
        return outboundBudget;
    }

    /** The text frames this server's connections share, for tests and diagnostics. */
    SharedTextFrames sharedTextFrames() {
        return resources.sharedTextFrames();
    }

    /** The bytes of inbound messages this server's sessions hold together (option max-inbound-bytes). */
    InboundBudget inboundBudget() {
        return container.inboundBudget();
    }

    /**
     * Open connections, those still in their handshake included.
     *
     * @return the number of open connections, 0 before start
     */
    public int connectionCount() {
        return loops == null ? 0 : loops.connectionCount();
    }

    private void acceptLoop(ServerSocketChannel from, Consumer<SocketChannel> accepted) {
        AcceptBackoff backoff = new AcceptBackoff();
        while (running) {
            SocketChannel channel;
            try {
                channel = from.accept();
                backoff.succeeded();
            } catch (ClosedChannelException e) {
                break;
            } catch (IOException e) {
                if (!running) {
                    break;
                }
                // Too many open files, most often: pause, longer with each failure in a row, instead of spinning.
                long pause = backoff.failed();
                operatorLog.overloaded("accept failed", () -> "accept failed: " + e.getMessage()
                        + "; pausing accepts " + pause + " ms, doubling up to " + AcceptBackoff.MAX_PAUSE_MILLIS
                        + " ms while it goes on (max-connections " + config.maxConnections() + ")");
                sleepQuietly(pause);
                continue;
            }
            accepted.accept(channel);
        }
    }

    /**
     * A connection to the health-port listener: plain HTTP, answered with the health endpoints
     * only, counted apart from max-connections and the per-address limit (a balancer's probes must
     * not be refused because its proxied clients share its address), and bounded on its own.
     */
    private void acceptedHealthProbe(SocketChannel channel) {
        if (healthSockets.incrementAndGet() > MAX_HEALTH_CONNECTIONS) {
            healthSockets.decrementAndGet();
            operatorLog.overloaded("health connections", () -> "closed a health connection from " + remoteAddress(channel)
                    + " unanswered: " + MAX_HEALTH_CONNECTIONS + " open");
            closeQuietly(channel);
            return;
        }
        UpgradeHandler handler = new UpgradeHandler(runtime, 0, health, true, null, null, handshakeDeadline());
        loops.next().register(channel, null, null, handler, handler::onRegistered, healthSockets::decrementAndGet);
    }

    private void accepted(SocketChannel channel) {
        int open = openSockets.incrementAndGet();
        if (open > config.maxConnections() + ConnectionLimits.rejectionReserve(config.maxConnections())) {
            // Each refusal holds its socket while the 503 is read: past this reserve, answering would run out of files.
            openSockets.decrementAndGet();
            operatorLog.overloaded("max-connections, closed unanswered", () -> "closed a connection from " + remoteAddress(channel)
                    + " unanswered: " + open + " sockets open, max-connections " + config.maxConnections());
            resources.events().closedAtAccept("max-connections", peerAddress(channel), "closed unanswered: " + open
                    + " sockets open");
            closeQuietly(channel);
            return;
        }
        InetAddress address = remoteAddress(channel);
        if (proxyProtocol && !config.trustedProxyBlocks().contains(address)) {
            // Closed before anything is read: only a trusted balancer may say whom a connection is from.
            openSockets.decrementAndGet();
            operatorLog.proxyHeaderRefused(peerAddress(channel), "untrusted peer", "not in trusted-proxies ("
                    + config.trustedProxies() + "), and proxy-protocol is on");
            resources.events().closedAtAccept("trusted-proxies", peerAddress(channel), "proxy-protocol is on and the peer "
                    + "is not a trusted proxy");
            closeQuietly(channel);
            return;
        }
        TlsHandshakes.Place handshakePlace = null;
        if (tls != null) {
            handshakePlace = tlsHandshakes.tryBegin();
            if (handshakePlace == null) {
                // Closed before any crypto is spent: a handshake flood costs the loops nothing.
                openSockets.decrementAndGet();
                operatorLog.overloaded("max-tls-handshakes", () -> "closed a connection from "
                        + remoteAddress(channel) + ": " + config.maxTlsHandshakes()
                        + " TLS handshakes in progress (max-tls-handshakes)");
                resources.events().closedAtAccept("max-tls-handshakes", peerAddress(channel), config.maxTlsHandshakes()
                        + " TLS handshakes in progress");
                closeQuietly(channel);
                return;
            }
        }
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, config.tcpNoDelay());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot set TCP_NODELAY", e);
        }
        if (proxyMayTellAddress) {
            registerBehindProxy(channel, address, handshakePlace);
            return;
        }
        int fromAddress = address == null ? 0 : perAddress.acquire(address);
        UpgradeHandler handler = new UpgradeHandler(runtime, fromAddress, mainPortHealth(), false, null, null, handshakeDeadline());
        // Not a lambda capturing the address: that would be an object per connection for its whole life.
        loops.next().register(channel, tls == null ? null : tls.serverEngine(), handshakePlace, handler,
                handler::onRegistered, address == null ? socketClosed : perAddress.releaser(address));
    }

    /**
     * A connection whose client address a proxy may tell: counted through a lease that moves to the
     * client's address when it is known. With proxy-protocol the first stage reads the PROXY header
     * and starts TLS after it; with forwarded-headers alone the count of a trusted proxy's
     * connection waits for the request's header.
     */
    /** The health endpoints the main listener answers: none when they have a port of their own. */
    private HealthEndpoints mainPortHealth() {
        return healthChannel == null ? health : null;
    }

    private long handshakeDeadline() {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.handshakeTimeoutMillis());
    }

    private void registerBehindProxy(SocketChannel channel, InetAddress address, TlsHandshakes.Place handshakePlace) {
        long deadline = handshakeDeadline();
        if (proxyProtocol) {
            AddressCounter.Lease lease = perAddress.lease(null);
            ProxyHeaderHandler handler = new ProxyHeaderHandler(runtime, mainPortHealth(), lease,
                    tls == null ? null : tls.serverEngine(), deadline);
            loops.next().register(channel, null, handshakePlace, handler, handler::onRegistered, () -> {
                openSockets.decrementAndGet();
                lease.release();
            });
            return;
        }
        AddressCounter.Lease lease = perAddress.lease(address);
        int fromAddress = config.trustedProxyBlocks().contains(address) ? 0 : lease.count();
        UpgradeHandler handler = new UpgradeHandler(runtime, fromAddress, mainPortHealth(), false, lease, peerAddress(channel), deadline);
        loops.next().register(channel, tls == null ? null : tls.serverEngine(), handshakePlace, handler,
                handler::onRegistered, () -> {
                    openSockets.decrementAndGet();
                    lease.release();
                });
    }

    /**
     * Stops accepting, closes every session with 1001 (going away) and waits for the close
     * handshakes until the shutdown timeout; then drops what is left and gives the event loops and
     * endpoint code at most {@value #DROP_GRACE_MILLIS} ms more. Every wait counts against those two
     * deadlines, so this returns within shutdown-timeout plus that grace even when peers do not
     * answer the close and endpoint code blocks in onClose (it is interrupted and left behind).
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        readiness = HealthEndpoints.Readiness.DRAINING;
        if (!running) {
            stopped.complete(null);
            return;
        }
        running = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.shutdownTimeoutMillis());
        try {
            listener.close(); // the acceptor's blocking accept ends at once
            if (healthChannel != null) {
                healthChannel.close();
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing listener", e);
        }
        CloseReason goingAway = new CloseReason(CloseReason.CloseCodes.getCloseCode(CloseCodes.GOING_AWAY), "server shutting down");
        ServerResources.closeSessions(container, goingAway);
        container.closeClientSessions("server shutting down", 0);
        while (loops.connectionCount() > 0 && System.nanoTime() - deadline < 0 && sleepUntil(deadline, 10)) {
            // waiting for the close handshakes
        }
        joinUntil(acceptor, deadline);
        if (healthAcceptor != null) {
            joinUntil(healthAcceptor, deadline);
        }
        int left = loops.connectionCount();
        long dropDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DROP_GRACE_MILLIS);
        try {
            // What is still open is closed abruptly; its onClose calls go to the endpoint executor.
            loops.shutdown(remainingNanos(dropDeadline) / 2, TimeUnit.NANOSECONDS);
            handshakes.shutdownNow(); // a configurator or static read still running is not waited for
            callbacks.shutdown();
            if (!callbacks.awaitTermination(remainingNanos(dropDeadline), TimeUnit.NANOSECONDS)) {
                callbacks.shutdownNow(); // endpoint code still running is interrupted, not waited for
                LOG.log(System.Logger.Level.INFO, "endpoint code still running at shutdown was interrupted");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handshakes.shutdownNow();
            callbacks.shutdownNow();
        }
        container.leaveCluster(); // after the sessions' leaves were recorded
        resources.stop();
        LOG.log(System.Logger.Level.INFO, "WS Socket stopped" + (left > 0 ? "; " + left + " connections dropped" : ""));
        stopped.complete(null);
    }

    /**
     * Completes once the server has stopped: {@link #close()} returned, or a {@link #drain()} ended.
     * The standalone main exits then.
     *
     * @return a future that completes, never exceptionally, when the server has stopped
     */
    public CompletableFuture<Void> termination() {
        return stopped.thenApply(v -> v);
    }

    /**
     * Drains with options drain-grace and drain-window; see {@link #drain(Duration, Duration)}.
     *
     * @return a future that completes when the server has stopped
     */
    public CompletableFuture<Void> drain() {
        return drain(Duration.ofMillis(config.drainGraceMillis()), Duration.ofMillis(config.drainWindowMillis()));
    }

    /**
     * Takes the server out of rotation, then stops it, without returning: from now on
     * {@code /health/ready} answers 503 and new WebSocket handshakes get 503 with
     * {@code Retry-After} (the listener stays open, so a balancer's probe and a client get an
     * answer, not a refused connection); after {@code grace}, for the balancer to notice, the open
     * sessions are closed with 1001 (going away), spread evenly over {@code window} so that their
     * clients reconnect to other nodes a few at a time; then the server closes as {@link #close()}
     * does, within shutdown-timeout. So the whole drain takes at most grace + window +
     * shutdown-timeout + {@value #DROP_GRACE_MILLIS} ms. A second call returns the first drain's
     * future; {@link #close()} during a drain ends it at once; a server not started is closed.
     *
     * @param grace how long sessions stay open after the server reports not-ready
     * @param window the time over which the sessions are closed
     * @return a future that completes when the server has stopped
     */
    public CompletableFuture<Void> drain(Duration grace, Duration window) {
        CompletableFuture<Void> done = termination();
        if (!drainBegun.compareAndSet(false, true)) {
            return done;
        }
        // Never blocks: an operator's drain request is answered on an event loop, which close() waits for.
        readiness = HealthEndpoints.Readiness.DRAINING;
        LOG.log(System.Logger.Level.INFO, "WS Socket draining: ready answers 503 and new handshakes are refused; "
                + "sessions close with 1001 after " + grace.toMillis() + " ms, spread over " + window.toMillis() + " ms");
        Thread draining = new Thread(() -> {
            try {
                if (running) {
                    closeSpread(grace, window);
                }
            } finally {
                close();
            }
        }, "wssocket-drain");
        draining.setDaemon(true);
        draining.start();
        return done;
    }

    /**
     * Waits out the grace, then closes the sessions open at its end with 1001, session i of n at
     * {@code window * i / n} after it: evenly spread, so the clients' reconnections are too. Ends
     * early when the server is closed meanwhile.
     */
    private void closeSpread(Duration grace, Duration window) {
        long graceEnd = System.nanoTime() + grace.toNanos();
        while (!closed && System.nanoTime() - graceEnd < 0 && sleepUntil(graceEnd, 50)) {
            // the balancer's health checks see 503 meanwhile
        }
        List<Session> sessions = ServerResources.sessions(container);
        CloseReason goingAway = new CloseReason(CloseReason.CloseCodes.getCloseCode(CloseCodes.GOING_AWAY), "server draining");
        long start = System.nanoTime();
        long windowNanos = window.toNanos();
        int n = sessions.size();
        for (int i = 0; i < n && !closed; i++) {
            long due = start + (long) (windowNanos * ((double) i / n));
            while (!closed && System.nanoTime() - due < 0 && sleepUntil(due, 50)) {
                // the next session's turn
            }
            ServerResources.close(sessions.get(i), goingAway);
        }
    }

    /** Whether the server drains or stops: {@code /health/ready} answers 503 and new handshakes are refused. */
    boolean draining() {
        return readiness != HealthEndpoints.Readiness.READY;
    }

    /** At most this long after the shutdown timeout, close has dropped everything and returns. */
    static final long DROP_GRACE_MILLIS = 700;

    private static long remainingNanos(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    /** Sleeps up to {@code millis}, not past the deadline; false when interrupted. */
    private static boolean sleepUntil(long deadline, long millis) {
        try {
            TimeUnit.NANOSECONDS.sleep(Math.min(TimeUnit.MILLISECONDS.toNanos(millis), remainingNanos(deadline)));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void joinUntil(Thread thread, long deadline) {
        try {
            // join(0) would wait forever: a spent deadline still gets a moment, nothing more.
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNanos(deadline))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static InetSocketAddress peerAddress(SocketChannel channel) {
        try {
            return (InetSocketAddress) channel.getRemoteAddress();
        } catch (IOException | RuntimeException e) {
            return null; // already gone: registering it will fail and close it
        }
    }

    private static InetAddress remoteAddress(SocketChannel channel) {
        InetSocketAddress peer = peerAddress(channel);
        return peer == null ? null : peer.getAddress();
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a refused socket", e);
        }
    }

    /** What the health endpoints report now. */
    HealthEndpoints.Readiness readiness() {
        return readiness;
    }

    /** When the server began to serve, or null before {@link #start()}. */
    Instant startedAt() {
        return startedAt;
    }

    /** Open connections per remote address now, a copy. */
    Map<InetAddress, Integer> addressCounts() {
        return perAddress.snapshot();
    }

    /** Remote addresses with an open connection, for tests of the per-address limit. */
    int addressesCounted() {
        return perAddress.addresses();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Runtime implements ServerRuntime {
        @Override
        public ServerResources resources() {
            return resources;
        }

        @Override
        public ServerConfig config() {
            return config;
        }

        @Override
        public WsServerContainer container() {
            return container;
        }

        @Override
        public Executor callbackExecutor() {
            return callbacks;
        }

        @Override
        public Executor handshakeExecutor() {
            return handshakes;
        }

        @Override
        public int connectionCount() {
            return loops.connectionCount();
        }

        @Override
        public boolean draining() {
            return WebSocketServer.this.draining();
        }

        @Override
        public MetricsEndpoint metrics() {
            return metrics;
        }
    }

    /** The server's pool of deflaters and inflaters (tests count what connections hold). */
    ZlibPool deflatePool() {
        return resources.deflatePool();
    }
}
