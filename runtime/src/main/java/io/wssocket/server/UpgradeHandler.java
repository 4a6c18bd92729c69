package io.wssocket.server;

import io.wssocket.handshake.ForwardedAddress;
import io.wssocket.handshake.HttpRequest;
import io.wssocket.handshake.HttpRequestParser;
import io.wssocket.handshake.HttpResponseWriter;
import io.wssocket.handshake.HttpStatusException;
import io.wssocket.handshake.TokenList;
import io.wssocket.handshake.TrustedProxies;
import io.wssocket.handshake.UpgradeRequest;
import io.wssocket.handshake.UpgradeRequestValidator;
import io.wssocket.session.WsSession;
import io.wssocket.transport.Connection;
import io.wssocket.transport.ConnectionHandler;
import io.wssocket.transport.SocketConnection;
import io.wssocket.transport.WriteCallback;
import io.wssocket.webresources.ResourceMounts;
import io.wssocket.webresources.StaticResourceHandler;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The first protocol on an accepted connection: reads the HTTP upgrade request within the
 * handshake limits and timeout, checks it (RFC 6455 §4.2.1), finds the endpoint, runs the
 * endpoint's configurator on the handshake executor (never behind endpoint code), answers 101 and hands the connection to a
 * {@link WsSession}, or answers with an error status and closes. A plain HTTP request (no
 * {@code Upgrade: websocket}) for a path that is no endpoint's is answered from the applications'
 * static resources, read on the handshake executor, and the connection closed. A request for a
 * health endpoint ({@link HealthEndpoints}) is answered on the loop; on the health-port listener
 * nothing else is served.
 */
final class UpgradeHandler implements ConnectionHandler {
    private static final System.Logger LOG = System.getLogger(UpgradeHandler.class.getName());
    private static final long REJECT_LINGER_MILLIS = 2000;

    private enum Phase { READING, UPGRADING, SERVING, ANSWERED }

    private final ServerRuntime server;
    private final HttpRequestParser parser;
    private final long deadline;
    /** When the connection was accepted: the handshake's duration counts from here. */
    private final long acceptedNanos;
    private Phase phase = Phase.READING;

    private final int connectionsFromAddress;
    /** The health endpoints this listener answers, or null. */
    private final HealthEndpoints health;
    /** Whether this is the health-port listener, which answers the health endpoints and nothing else. */
    private final boolean healthListener;
    /**
     * The 429 for a connection past max-connections-per-address, held until its request is read (a
     * health probe is answered all the same) or {@value #REJECT_LINGER_MILLIS} ms pass; null when
     * within the limit.
     */
    private HttpStatusException refusal;
    /** Where the connection is counted per address, when a proxy may tell the client's address; else null. */
    private final AddressCounter.Lease lease;
    /** The TCP peer, when a proxy may tell the client's address (its user property); else null. */
    private final InetSocketAddress peer;

    /** @param connectionsFromAddress open connections from this one's remote address, itself included */
    UpgradeHandler(ServerRuntime server, int connectionsFromAddress) {
        this(server, connectionsFromAddress, null, false, null, null,
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(server.config().handshakeTimeoutMillis()));
    }

    /**
     * @param connectionsFromAddress open connections from this one's remote address, itself included;
     *     0 when the address is a trusted proxy's and the count waits for the request's Forwarded header
     * @param health the health endpoints this listener answers, or null
     * @param healthListener whether this is the health-port listener
     * @param lease with proxy-protocol or forwarded-headers on, the connection's place in the
     *     per-address count, moved when a Forwarded header names the client; else null
     * @param peer with those options, the socket's peer (the proxy), for the session's user property; else null
     * @param deadline the handshake's end, counted from accept
     */
    UpgradeHandler(ServerRuntime server, int connectionsFromAddress, HealthEndpoints health, boolean healthListener,
                   AddressCounter.Lease lease, InetSocketAddress peer, long deadline) {
        this.server = server;
        this.connectionsFromAddress = connectionsFromAddress;
        this.health = health;
        this.healthListener = healthListener;
        this.lease = lease;
        this.peer = peer;
        this.parser = new HttpRequestParser(server.config().connection().handshakeLimits());
        this.deadline = deadline;
        this.acceptedNanos = deadline - TimeUnit.MILLISECONDS.toNanos(server.config().handshakeTimeoutMillis());
    }

    /**
     * Event loop, once the socket is registered (or its PROXY header read). A connection past
     * max-connections is refused at once (an overloaded server holds no more sockets than it
     * must); one past max-connections-per-address too, except where health endpoints are served on
     * this port: then only once its request is read, so that a balancer's probe (all of whose
     * proxied clients share its address) is answered even when its address is at the limit.
     */
    void onRegistered(Connection c) {
        c.scheduleTimer(deadline);
        if (healthListener) {
            return;
        }
        if (server.connectionCount() > server.config().maxConnections()) {
            server.operatorLog().overloaded("max-connections", () -> "503 to " + c.remoteAddress() + ": "
                    + server.config().maxConnections() + " connections open (max-connections)");
            HttpStatusException full = new HttpStatusException(503, "the server is at its limit of "
                    + server.config().maxConnections() + " connections; try again later", Map.of("Retry-After", "5"));
            server.events().answered(c.remoteAddress(), null, 503, full.getMessage(), acceptedNanos);
            answerAndClose(c, new ByteBuffer[] {HttpResponseWriter.error(full)});
            return;
        }
        if (server.config().maxConnectionsPerAddress() > 0
                && connectionsFromAddress > server.config().maxConnectionsPerAddress()) {
            refusal = tooManyFrom(c.remoteAddress());
            if (health == null) {
                refuseNow(c);
            } else {
                c.scheduleTimer(Math.min(deadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REJECT_LINGER_MILLIS)));
            }
        }
    }

    private void refuseNow(Connection c) {
        HttpStatusException refuse = refusal;
        refusal = null;
        reject(c, null, refuse);
    }

    @Override
    public void onData(Connection c, ByteBuffer in) {
        if (phase != Phase.READING) {
            in.position(in.limit()); // a rejected client's remaining bytes are drained and dropped
            return;
        }
        UpgradeRequest upgrade;
        EndpointRegistry.Match route;
        String path = null;
        try {
            if (!parser.parse(in)) {
                return;
            }
            path = parser.request().path();
            MetricsEndpoint metrics = health == null ? null : server.metrics();
            if (metrics != null && metrics.answers(parser.request(), healthListener)) {
                // A scrape may take a while on a large registry: not on a loop.
                in.position(in.limit());
                HttpRequest request = parser.request();
                answerOffLoop(c, path, () -> metrics.respond(request));
                return;
            }
            if (healthListener && health.answersOffLoop(path)) {
                // The admin view reads every open session: not on a loop that serves some of them.
                in.position(in.limit());
                HttpRequest request = parser.request();
                answerOffLoop(c, path, () -> health.respond(request, c.remoteAddress(), true));
                return;
            }
            ByteBuffer[] healthAnswer = healthAnswer(c, parser.request());
            if (healthAnswer != null) {
                in.position(in.limit());
                answerAndClose(c, healthAnswer);
                return;
            }
            if (refusal != null) {
                in.position(in.limit());
                refuseNow(c);
                return;
            }
            if (lease != null && !server.config().forwardedHeaders().equals("off")) {
                forwarded(c, parser.request());
            }
            ResourceMounts.Selection resources = staticResourcesFor(parser.request());
            if (resources != null) {
                in.position(in.limit()); // one request per connection: anything after it is dropped
                serveStatic(c, parser.request(), resources);
                return;
            }
            upgrade = UpgradeRequestValidator.validate(parser.request());
            route = server.registry().match(upgrade.request().path());
            if (route == null) {
                throw new HttpStatusException(404, "no WebSocket endpoint at " + upgrade.request().path());
            }
            if (server.draining()) {
                // The balancer routes the retry to another node; RFC 9110 §15.6.4: 503 with Retry-After.
                throw new HttpStatusException(503, "this server is draining; connect again (another node will "
                        + "answer)", Map.of("Retry-After", "1"));
            }
        } catch (HttpStatusException e) {
            reject(c, path, e);
            in.position(in.limit());
            return;
        }
        // Bytes after the request (a client that did not wait for 101) are kept for the session.
        ByteBuffer leftover = ByteBuffer.allocate(in.remaining()).put(in).flip();
        phase = Phase.UPGRADING;
        c.suspendReads();
        offload(c, path, () -> upgrade(c, upgrade, route, leftover));
    }

    /**
     * Option forwarded-headers: when the connection comes from a trusted proxy, the client's address
     * is the one its header names (see {@link ForwardedAddress}); the connection reports it and is
     * counted under it, and gets 429 when that address has too many. A value that cannot be used
     * leaves the proxy's address, with a line at DEBUG. Event loop.
     *
     * @throws HttpStatusException 429 when the client's address is over max-connections-per-address
     */
    private void forwarded(Connection c, HttpRequest request) throws HttpStatusException {
        InetSocketAddress from = c.remoteAddress();
        TrustedProxies trusted = server.config().trustedProxyBlocks();
        if (!trusted.contains(from.getAddress())) {
            return; // a client's own Forwarded header proves nothing
        }
        InetSocketAddress client;
        try {
            client = server.config().forwardedHeaders().equals("forwarded")
                    ? ForwardedAddress.fromForwarded(request.headerValues("Forwarded"), trusted)
                    : ForwardedAddress.fromXForwardedFor(request.headerValues("X-Forwarded-For"), trusted);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "ignored the forwarded address sent by " + from + ": " + e.getMessage());
            return;
        }
        if (client == null || trusted.contains(client.getAddress())) {
            return; // no client named, or only proxies: the proxy's address stays, uncounted
        }
        if (c instanceof SocketConnection socket) {
            socket.reportRemoteAddress(client);
        }
        int fromClient = lease.moveTo(client.getAddress());
        int max = server.config().maxConnectionsPerAddress();
        if (max > 0 && fromClient > max) {
            throw tooManyFrom(client);
        }
    }

    /** RFC 6585 §4: too many requests from this client. */
    private HttpStatusException tooManyFrom(InetSocketAddress client) {
        return new HttpStatusException(429, "too many connections from " + client.getAddress().getHostAddress()
                + " (limit " + server.config().maxConnectionsPerAddress() + ", max-connections-per-address); try again later",
                Map.of("Retry-After", "5"));
    }

    /**
     * Hands handshake work to the handshake executor, never to the callback executor: endpoint
     * code that blocks must not delay new connections. When too many handshakes wait already the
     * client is told to come back (RFC 9110 §15.6.4: 503 with Retry-After). Event loop.
     */
    private void offload(Connection c, String path, Runnable work) {
        try {
            server.handshakeExecutor().execute(work);
        } catch (RejectedExecutionException e) {
            reject(c, path, new HttpStatusException(503, "the server has " + server.config().handshakeQueue()
                    + " handshakes waiting; try again later", Map.of("Retry-After", "5")));
        }
    }

    /**
     * The health endpoint's answer to a plain request (an upgrade for such a path goes to its
     * endpoint), or null; on the health listener every request is answered, 404 for other paths.
     */
    private ByteBuffer[] healthAnswer(Connection c, HttpRequest request) {
        if (health == null) {
            return null;
        }
        if (!healthListener && TokenList.contains(request.headerValues("Upgrade"), "websocket")) {
            return null;
        }
        return health.respond(request, c.remoteAddress(), healthListener);
    }

    /**
     * The static resources that answer a request, or null when it goes the WebSocket way: an
     * upgrade request, a request for an endpoint's path (which keeps its 426 or 400), or a path
     * under no application's context path.
     */
    private ResourceMounts.Selection staticResourcesFor(HttpRequest request) {
        if (!server.container().servesStaticResources()
                || TokenList.contains(request.headerValues("Upgrade"), "websocket")
                || server.registry().match(request.path()) != null) {
            return null;
        }
        return server.container().webResources().select(request.path());
    }

    /** Files are read off the event loop; the answer is written and the connection closed on it. */
    private void serveStatic(Connection c, HttpRequest request, ResourceMounts.Selection resources) {
        StaticResourceHandler handler = new StaticResourceHandler(server.config().maxStaticFileSize());
        answerOffLoop(c, request.path(), () -> handler.respond(request, resources, c.remoteAddress()));
    }

    /** The answer is made on the handshake executor, then written and the connection closed on the loop. */
    private void answerOffLoop(Connection c, String path, Supplier<ByteBuffer[]> answer) {
        phase = Phase.SERVING;
        c.suspendReads();
        offload(c, path, () -> {
            ByteBuffer[] response = answer.get();
            c.loop().execute(() -> answerAndClose(c, response));
        });
    }

    /**
     * On the handshake executor: the authenticator and the configurator are application code and
     * may block. The session is made and counted before the 101 is written, and opened on the loop.
     */
    private void upgrade(Connection c, UpgradeRequest upgrade, EndpointRegistry.Match match, ByteBuffer leftover) {
        EndpointUpgrade.Outcome outcome = EndpointUpgrade.decide(server, upgrade, match,
                new EndpointUpgrade.Origin(c.remoteAddress(), peer, c.isSecure(), null, null, "", acceptedNanos));
        if (outcome instanceof EndpointUpgrade.Refused refused) {
            rejectOnLoop(c, upgrade.request().path(), refused.error());
            return;
        }
        EndpointUpgrade.Accepted accepted = (EndpointUpgrade.Accepted) outcome;
        EndpointUpgrade.Opened opened;
        boolean onLoop = accepted.callbacksOnLoop();
        try {
            opened = onLoop ? accepted.open(c, pool -> new OnLoopCallbacks(c.loop(), pool)) : accepted.open(c);
        } catch (RuntimeException | LinkageError e) {
            rejectOnLoop(c, upgrade.request().path(), new HttpStatusException(500, "the endpoint could not be opened"));
            return;
        }
        c.write(accepted.switchingProtocols(), WriteCallback.NONE);
        c.loop().execute(() -> {
            if (onLoop) {
                c.holdWritesWhileReading(); // the replies to one read leave in one write
            }
            opened.begin(leftover);
        });
    }

    private void rejectOnLoop(Connection c, String path, HttpStatusException e) {
        c.loop().execute(() -> reject(c, path, e));
    }

    /**
     * Answers with an error status, then drains what the client still sends until it closes or a
     * short while passes. The operator hears of it in the refused-handshakes summary.
     */
    private void reject(Connection c, String path, HttpStatusException e) {
        LOG.log(System.Logger.Level.DEBUG, () -> "handshake from " + c.remoteAddress() + " refused with "
                + e.status() + ": " + e.getMessage());
        server.events().refused(c.remoteAddress(), path, e.status(), e.getMessage(), acceptedNanos);
        answerAndClose(c, new ByteBuffer[] {HttpResponseWriter.error(e)});
    }

    /**
     * Writes a response that ends the connection, then drains what the client still sends (so
     * that closing does not reset the connection before the client has read the response) until
     * it closes or the linger time passes with nothing left to write. Event loop.
     */
    private void answerAndClose(Connection c, ByteBuffer[] response) {
        phase = Phase.ANSWERED;
        c.write(response, WriteCallback.NONE);
        c.shutdownOutputAfterFlush();
        c.resumeReads();
        c.scheduleTimer(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REJECT_LINGER_MILLIS));
    }

    @Override
    public void onInputClosed(Connection c) {
        if (phase == Phase.SERVING) {
            // A client that half-closed after its request still gets the answer; reads resume
            // after it is written, and see the end of the stream again.
            return;
        }
        c.closeAfterFlush();
    }

    @Override
    public long onTimer(Connection c, long now) {
        if (phase == Phase.ANSWERED && c.isOpen() && c.queuedBytes() > 0) {
            // A large file still on its way: the transport's write-timeout drops a peer that stopped reading.
            return now + TimeUnit.MILLISECONDS.toNanos(REJECT_LINGER_MILLIS);
        }
        if (phase == Phase.READING && refusal != null) {
            refuseNow(c); // its request did not come in time to be a health probe
            return now + TimeUnit.MILLISECONDS.toNanos(REJECT_LINGER_MILLIS);
        }
        if (phase == Phase.READING) {
            LOG.log(System.Logger.Level.DEBUG, () -> "handshake from " + c.remoteAddress() + " not completed within "
                    + server.config().handshakeTimeoutMillis() + " ms; dropping the connection");
            server.events().stalled(c.remoteAddress(), null, "handshake-timeout", "upgrade request not completed within "
                    + server.config().handshakeTimeoutMillis() + " ms (handshake-timeout)");
        }
        c.abort(null);
        return 0;
    }

    @Override
    public void onClosed(Connection c, Throwable cause) {
        // Nothing was opened for this connection yet.
    }
}
