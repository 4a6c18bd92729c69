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
import io.wssocket.spi.ClusterSettings;
import jakarta.websocket.CloseReason;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
 */
public final class WebSocketServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WebSocketServer.class.getName());

    private final ServerConfig config;
    private final WsServerContainer container;
    private final Runtime runtime = new Runtime();
    private final AddressCounter perAddress = new AddressCounter();
    private final ServerResources resources;
    private final OperatorLog operatorLog;
    /**
     * Accepted sockets not yet closed, counted from accept on: the loops count a connection only
     * once registered, and a burst of accepts runs ahead of them.
     */
    private final AtomicInteger openSockets = new AtomicInteger();
    private final OutboundBudget outboundBudget;

    private EventLoopGroup loops;
    private TlsContext tls;
    private TlsHandshakes tlsHandshakes;
    private ExecutorService callbacks;
    private ExecutorService handshakes;
    private ServerSocketChannel listener;
    private Thread acceptor;
    private volatile boolean running;
    private volatile boolean closed;

    private WebSocketServer(ServerConfig config) {
        this.config = config;
        this.container = new WsServerContainer(config, this::clientLease);
        this.outboundBudget = new OutboundBudget(config.maxOutboundBytes());
        this.resources = new ServerResources(config);
        this.operatorLog = resources.operatorLog();
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
        tls = config.tls().serverEnabled() ? config.tls().serverContext() : null;
        InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
        if (address.isUnresolved()) {
            // bind would throw an UnresolvedAddressException that names nothing
            throw new IOException("cannot listen on " + config.host() + ":" + config.port() + ": " + config.host()
                    + " is not an IP address and no host of that name is known");
        }
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(address, config.backlog());
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        ClusterSettings clusterSettings = config.clusterSettings();
        if (clusterSettings != null) {
            try {
                container.cluster(ClusterMessaging.join(clusterSettings));
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
        loops = new EventLoopGroup("wssocket-loop", config.connection().transport(), tlsHandshakes, outboundBudget);
        running = true;
        acceptor = new Thread(this::acceptLoop, "wssocket-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        resources.start();
        LOG.log(System.Logger.Level.INFO, "WS Socket listening on " + localAddress() + (tls != null ? " (wss, TLS)" : ""));
    }

    /**
     * The address the server listens on, with the port the system chose when the configuration
     * asked for port 0.
     *
     * @return the bound address
     * @throws IllegalStateException when the server is not listening
     */
    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) listener.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("server is not listening", e);
        }
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

    private void acceptLoop() {
        AcceptBackoff backoff = new AcceptBackoff();
        while (running) {
            SocketChannel channel;
            try {
                channel = listener.accept();
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
            accepted(channel);
        }
    }

    private void accepted(SocketChannel channel) {
        int open = openSockets.incrementAndGet();
        if (open > config.maxConnections() + ConnectionLimits.rejectionReserve(config.maxConnections())) {
            // Each refusal holds its socket while the 503 is read: past this reserve, answering would run out of files.
            openSockets.decrementAndGet();
            operatorLog.overloaded("max-connections, closed unanswered", () -> "closed a connection from " + remoteAddress(channel)
                    + " unanswered: " + open + " sockets open, max-connections " + config.maxConnections());
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
                closeQuietly(channel);
                return;
            }
        }
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, config.tcpNoDelay());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot set TCP_NODELAY", e);
        }
        InetAddress address = remoteAddress(channel);
        int fromAddress = address == null ? 0 : perAddress.acquire(address);
        UpgradeHandler handler = new UpgradeHandler(runtime, fromAddress);
        loops.next().register(channel, tls == null ? null : tls.serverEngine(), handshakePlace, handler,
                handler::onRegistered, () -> {
                    openSockets.decrementAndGet();
                    if (address != null) {
                        perAddress.release(address);
                    }
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
        if (!running) {
            return;
        }
        running = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.shutdownTimeoutMillis());
        try {
            listener.close(); // the acceptor's blocking accept ends at once
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

    private static InetAddress remoteAddress(SocketChannel channel) {
        try {
            return ((InetSocketAddress) channel.getRemoteAddress()).getAddress();
        } catch (IOException | RuntimeException e) {
            return null; // already gone: registering it will fail and close it
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a refused socket", e);
        }
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
    }

    /** The server's pool of deflaters and inflaters (tests count what connections hold). */
    ZlibPool deflatePool() {
        return resources.deflatePool();
    }
}
