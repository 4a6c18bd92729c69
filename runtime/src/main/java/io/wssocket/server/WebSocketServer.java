package io.wssocket.server;

import io.wssocket.session.CallbackExecutors;
import io.wssocket.client.ClientTransport;
import io.wssocket.protocol.SharedTextFrames;
import io.wssocket.session.InboundBudget;
import io.wssocket.transport.EventLoopGroup;
import io.wssocket.transport.OutboundBudget;
import io.wssocket.transport.TlsContext;
import io.wssocket.wire.CloseCodes;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The standalone WebSocket server: a listening socket, an acceptor thread, event loops that own
 * the connections, and the executor that runs endpoint code.
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
    private final String sessionIdPrefix = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16) + "-";
    private final AtomicLong sessionCounter = new AtomicLong();
    private final Runtime runtime = new Runtime();
    private final AddressCounter perAddress = new AddressCounter();
    private final OutboundBudget outboundBudget;
    private final SharedTextFrames sharedTextFrames = new SharedTextFrames();

    private EventLoopGroup loops;
    private TlsContext tls;
    private ExecutorService callbacks;
    private ServerSocketChannel listener;
    private Thread acceptor;
    private volatile boolean running;
    private volatile boolean closed;

    private WebSocketServer(ServerConfig config) {
        this.config = config;
        this.container = new WsServerContainer(config, this::clientLease);
        this.outboundBudget = new OutboundBudget(config.maxOutboundBytes());
    }

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

    /** Where endpoints are deployed, before or after {@link #start()}. */
    public WsServerContainer container() {
        return container;
    }

    public ServerConfig config() {
        return config;
    }

    /** Binds the listening socket and starts serving. */
    public synchronized void start() throws IOException {
        if (running || closed) {
            throw new IllegalStateException(closed ? "server was closed" : "server already started");
        }
        tls = config.tls().serverEnabled() ? config.tls().serverContext() : null;
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(config.host(), config.port()), config.backlog());
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        listener = channel;
        callbacks = CallbackExecutors.create("wssocket-endpoint", config.virtualThreads(), config.callbackThreads());
        loops = new EventLoopGroup("wssocket-loop", config.transportConfig(), outboundBudget);
        running = true;
        acceptor = new Thread(this::acceptLoop, "wssocket-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.log(System.Logger.Level.INFO, "WS Socket listening on " + localAddress() + (tls != null ? " (wss, TLS)" : ""));
    }

    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) listener.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("server is not listening", e);
        }
    }

    public int port() {
        return localAddress().getPort();
    }

    /** The bytes queued for sending on all this server's connections together (option max-outbound-bytes). */
    public OutboundBudget outboundBudget() {
        return outboundBudget;
    }

    /** The text frames this server's connections share, for tests and diagnostics. */
    public SharedTextFrames sharedTextFrames() {
        return sharedTextFrames;
    }

    /** The bytes of inbound messages this server's sessions hold together (option max-inbound-bytes). */
    public InboundBudget inboundBudget() {
        return container.inboundBudget();
    }

    /** Open connections, those still in their handshake included. */
    public int connectionCount() {
        return loops == null ? 0 : loops.connectionCount();
    }

    private void acceptLoop() {
        while (running) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (ClosedChannelException e) {
                break;
            } catch (IOException e) {
                if (!running) {
                    break;
                }
                // For example too many open files: back off instead of spinning on the error.
                LOG.log(System.Logger.Level.WARNING, "accept failed: " + e.getMessage() + "; retrying shortly");
                sleepQuietly(50);
                continue;
            }
            try {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, config.tcpNoDelay());
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot set TCP_NODELAY", e);
            }
            InetAddress address = remoteAddress(channel);
            int fromAddress = address == null ? 0 : perAddress.acquire(address);
            UpgradeHandler handler = new UpgradeHandler(runtime, fromAddress);
            loops.next().register(channel, tls == null ? null : tls.serverEngine(), handler, handler::onRegistered,
                    address == null ? () -> { } : () -> perAddress.release(address));
        }
    }

    /**
     * Stops accepting, closes every session with 1001 (going away), waits up to the shutdown
     * timeout for the close handshakes, then drops what is left.
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
        try {
            listener.close();
            acceptor.join(1000);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing listener", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        CloseReason goingAway = new CloseReason(CloseReason.CloseCodes.getCloseCode(CloseCodes.GOING_AWAY), "server shutting down");
        for (EndpointRegistry.Route route : container.registry().routes()) {
            for (Session session : route.openSessions()) {
                try {
                    session.close(goingAway);
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "closing " + session, e);
                }
            }
        }
        container.closeClientSessions("server shutting down", 0);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.shutdownTimeoutMillis());
        while (loops.connectionCount() > 0 && System.nanoTime() - deadline < 0) {
            sleepQuietly(10);
        }
        int left = loops.connectionCount();
        try {
            loops.shutdown(2, TimeUnit.SECONDS);
            callbacks.shutdown();
            callbacks.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.log(System.Logger.Level.INFO, "WS Socket stopped" + (left > 0 ? "; " + left + " connections dropped" : ""));
    }

    private static InetAddress remoteAddress(SocketChannel channel) {
        try {
            return ((InetSocketAddress) channel.getRemoteAddress()).getAddress();
        } catch (IOException | RuntimeException e) {
            return null; // already gone: registering it will fail and close it
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
        public String nextSessionId() {
            return sessionIdPrefix + Long.toHexString(sessionCounter.incrementAndGet());
        }

        @Override
        public int connectionCount() {
            return loops.connectionCount();
        }

        @Override
        public SharedTextFrames sharedTextFrames() {
            return sharedTextFrames;
        }
    }
}
