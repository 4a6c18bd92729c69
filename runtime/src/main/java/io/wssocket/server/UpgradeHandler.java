package io.wssocket.server;

import io.wssocket.endpoint.AnnotatedEndpoint;
import io.wssocket.handshake.AcceptKey;
import io.wssocket.handshake.HttpRequest;
import io.wssocket.handshake.HttpRequestParser;
import io.wssocket.handshake.HttpResponseWriter;
import io.wssocket.handshake.HttpStatusException;
import io.wssocket.handshake.JakartaExtension;
import io.wssocket.handshake.PerMessageDeflate;
import io.wssocket.handshake.QueryParameters;
import io.wssocket.handshake.TokenList;
import io.wssocket.handshake.UpgradeRequest;
import io.wssocket.handshake.UpgradeRequestValidator;
import io.wssocket.protocol.Compression;
import io.wssocket.protocol.WebSocketConnection;
import io.wssocket.session.SessionRequest;
import io.wssocket.session.WsSession;
import io.wssocket.spi.HandshakeScope;
import io.wssocket.spi.SessionInstances;
import io.wssocket.transport.Connection;
import io.wssocket.transport.ConnectionHandler;
import io.wssocket.transport.WriteCallback;
import io.wssocket.wire.ZlibPool;
import io.wssocket.webresources.ResourceMounts;
import io.wssocket.webresources.StaticResourceHandler;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The first protocol on an accepted connection: reads the HTTP upgrade request within the
 * handshake limits and timeout, checks it (RFC 6455 §4.2.1), finds the endpoint, runs the
 * endpoint's configurator on the handshake executor (never behind endpoint code), answers 101 and hands the connection to a
 * {@link WsSession}, or answers with an error status and closes. A plain HTTP request (no
 * {@code Upgrade: websocket}) for a path that is no endpoint's is answered from the applications'
 * static resources, read on the handshake executor, and the connection closed.
 */
final class UpgradeHandler implements ConnectionHandler {
    private static final System.Logger LOG = System.getLogger(UpgradeHandler.class.getName());
    private static final long REJECT_LINGER_MILLIS = 2000;

    private enum Phase { READING, UPGRADING, SERVING, ANSWERED }

    private final ServerRuntime server;
    private final HttpRequestParser parser;
    private final long deadline;
    private Phase phase = Phase.READING;

    private final int connectionsFromAddress;

    /** @param connectionsFromAddress open connections from this one's remote address, itself included */
    UpgradeHandler(ServerRuntime server, int connectionsFromAddress) {
        this.server = server;
        this.connectionsFromAddress = connectionsFromAddress;
        this.parser = new HttpRequestParser(server.config().connection().handshakeLimits());
        this.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(server.config().handshakeTimeoutMillis());
    }

    /** Event loop, once the socket is registered. */
    void onRegistered(Connection c) {
        c.scheduleTimer(deadline);
        if (server.connectionCount() > server.config().maxConnections()) {
            server.operatorLog().overloaded("max-connections", () -> "503 to " + c.remoteAddress() + ": "
                    + server.config().maxConnections() + " connections open (max-connections)");
            answerAndClose(c, new ByteBuffer[] {HttpResponseWriter.error(new HttpStatusException(503,
                    "the server is at its limit of " + server.config().maxConnections() + " connections; try again later",
                    Map.of("Retry-After", "5")))});
        } else if (server.config().maxConnectionsPerAddress() > 0
                && connectionsFromAddress > server.config().maxConnectionsPerAddress()) {
            // RFC 6585 §4: too many requests from this client.
            reject(c, null, new HttpStatusException(429, "too many connections from "
                    + c.remoteAddress().getAddress().getHostAddress() + " (limit " + server.config().maxConnectionsPerAddress()
                    + ", max-connections-per-address); try again later", Map.of("Retry-After", "5")));
        }
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
     * Whether the request's Origin may open a session. An endpoint whose configurator overrides
     * {@code checkOrigin} decides for itself (Jakarta WebSocket 2.2 §4.1.1: that is the portable
     * place for an origin check, and an application that wrote one may admit another site on
     * purpose); otherwise the server's policy decides: same origin, or allowed-origins (RFC 6455
     * §10.2), which the container's default configurator would otherwise leave open.
     */
    private boolean originAdmitted(ServerEndpointConfig.Configurator configurator, ServerEndpointConfig sec,
                                   String origin, String host) {
        if (OriginChecks.overridden(configurator)) {
            return configurator.checkOrigin(origin);
        }
        return server.config().allowedOrigins().forEndpoint(sec.getUserProperties()).allows(origin, host);
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
        phase = Phase.SERVING;
        c.suspendReads();
        StaticResourceHandler handler = new StaticResourceHandler(server.config().maxStaticFileSize());
        offload(c, request.path(), () -> {
            ByteBuffer[] response = handler.respond(request, resources, c.remoteAddress());
            c.loop().execute(() -> answerAndClose(c, response));
        });
    }

    /** On the handshake executor: the authenticator and the configurator are application code and may block. */
    private void upgrade(Connection c, UpgradeRequest upgrade, EndpointRegistry.Match match, ByteBuffer leftover) {
        EndpointRegistry.Route route = match.route();
        // Each connection gets its own user properties (see ConnectionEndpointConfig).
        ServerEndpointConfig sec = new ConnectionEndpointConfig(route.config());
        ServerEndpointConfig.Configurator configurator = sec.getConfigurator();
        HttpRequest request = upgrade.request();
        Thread thread = Thread.currentThread();
        ClassLoader previousLoader = thread.getContextClassLoader();
        thread.setContextClassLoader(sec.getEndpointClass().getClassLoader());
        SessionInstances instances = SessionInstances.forEndpoint(sec.getEndpointClass());
        // The configurator's calls are application code: its integration's scopes are active around them.
        HandshakeScope handshakeScope = instances.handshake();
        WsSession session = null;
        Negotiated negotiated = null;
        WebSocketConnection ws = null;
        try {
            URI requestUri = requestUri(request, c.isSecure());
            Map<String, List<String>> parameters = QueryParameters.parse(request.query());
            UpgradeHandshakeRequest handshake = new UpgradeHandshakeRequest(request, requestUri,
                    UpgradeHandshakeRequest.parameterMap(match.pathParameters(), parameters), Authentication.ANONYMOUS);
            Authentication authentication;
            try {
                authentication = server.config().authenticator().authenticate(handshake);
            } catch (HandshakeRejection e) {
                rejectOnLoop(c, request.path(), new HttpStatusException(e.status(), e.getMessage(), e.headers()));
                return;
            }
            handshake = handshake.authenticated(authentication);
            if (!originAdmitted(configurator, sec, upgrade.origin(), request.header("Host"))) {
                // The body reaches the client: it says which rule refused, not which origins are listed.
                rejectOnLoop(c, request.path(), new HttpStatusException(403, "origin " + upgrade.origin()
                        + " is not allowed (same origin or allowed-origins)"));
                return;
            }
            String subprotocol = configurator.getNegotiatedSubprotocol(sec.getSubprotocols(), upgrade.subprotocols());
            if (subprotocol == null || !upgrade.subprotocols().contains(subprotocol)) {
                subprotocol = ""; // RFC 6455 §4.2.2: only one the client offered may be selected
            }
            negotiated = negotiateExtensions(configurator, sec, upgrade);
            List<Extension> extensions = negotiated.agreed();
            UpgradeHandshakeResponse response = new UpgradeHandshakeResponse();
            configurator.modifyHandshake(sec, handshake, response);
            Object instance = instances.endpointInstance(configurator, sec.getEndpointClass());
            Endpoint endpoint = route.model() != null
                    ? new AnnotatedEndpoint(route.model(), instance) : (Endpoint) instance;

            // The route's path (a template's, not the request's): shared, so an idle connection holds no string of its own.
            ws = new WebSocketConnection(c, server.config().connection().protocol(), 0, null,
                    server.operatorLog(), route.path(), server.sharedTextFrames(), negotiated.compression(server));
            SessionRequest sessionRequest = new SessionRequest(requestUri, request.query(), parameters, match.pathParameters(),
                    subprotocol, extensions, c.isSecure(), authentication.principal());
            session = new WsSession(server.nextSessionId(), ws, endpoint, sec, server.container(),
                    sessionRequest, server.container().sessionSettings(), server.container().inboundBudget(), route.openSessions(), server.callbackExecutor(),
                    route.encoders(), route.decoders(), sec.getEndpointClass().getClassLoader(), instances, route.path());
            session.admit();
            c.write(HttpResponseWriter.switchingProtocols(AcceptKey.of(upgrade.key()),
                    subprotocol.isEmpty() ? null : subprotocol, negotiated.header(), response.getHeaders()), WriteCallback.NONE);
            WsSession created = session;
            WebSocketConnection createdConnection = ws;
            c.loop().execute(() -> {
                if (c.isOpen()) {
                    created.open(leftover);
                } else {
                    created.abandon();
                    createdConnection.abandon();
                }
            });
        } catch (Exception | LinkageError e) {
            if (ws != null) {
                ws.abandon(); // gives back the compression's context budget
            } else if (negotiated != null) {
                negotiated.releaseContext(server.deflatePool());
            }
            if (session != null) {
                session.abandon(); // releases its instances and ends what observes it
            } else {
                instances.releaseAll();
            }
            server.operatorLog().endpointFailed(sec.getEndpointClass(), c.remoteAddress(), e);
            rejectOnLoop(c, request.path(), new HttpStatusException(500, "the endpoint could not be opened"));
        } finally {
            try {
                handshakeScope.close();
            } finally {
                thread.setContextClassLoader(previousLoader);
            }
        }
    }

    /** Permessage-deflate without context takeover, as the Jakarta API shows it; immutable, so shared. */
    private static final Extension RESET_BOTH_WAYS = JakartaExtension.of(List.of(PerMessageDeflate.RESET_BOTH_WAYS)).get(0);
    private static final List<Extension> ONLY_RESET_BOTH_WAYS = List.of(RESET_BOTH_WAYS);

    /**
     * The extensions agreed, and permessage-deflate's terms when it is one of them.
     *
     * @param deflate null when permessage-deflate was not agreed
     * @param contextBytes what the agreement took of the deflate pool's context budget
     */
    private record Negotiated(List<Extension> agreed, PerMessageDeflate.Agreement deflate, long contextBytes) {
        /** The response's {@code Sec-WebSocket-Extensions} value; null for none. */
        String header() {
            return agreed.isEmpty() ? null : agreed.stream()
                    .map(e -> JakartaExtension.offer(e).toHeaderValue()).collect(Collectors.joining(", "));
        }

        Compression compression(ServerRuntime server) {
            if (deflate == null) {
                return null;
            }
            if (contextBytes == 0 && !deflate.peerTakesContextOver() && !deflate.keepsOwnContext()) {
                return server.perMessageCompression(deflate.deflateOutbound());
            }
            return new Compression(server.deflatePool(), deflate.peerTakesContextOver(), deflate.deflateOutbound(),
                    deflate.keepsOwnContext(), server.config().connection().deflate().threshold(), contextBytes);
        }

        /** The handshake failed before a connection took the budget over. */
        void releaseContext(ZlibPool pool) {
            if (contextBytes > 0) {
                pool.releaseContext(contextBytes);
            }
        }
    }

    /**
     * The configurator chooses among the client's offers (in the client's order) and what the
     * endpoint configuration and the container list; of its choice only extensions the container
     * implements are agreed, since any other would change the frames in ways we cannot honour
     * (RFC 6455 §9.1). The container implements permessage-deflate when it is enabled, for the
     * server or by the endpoint's user property: when the configurator chooses it (by name; the
     * default configurator picks the client's first offer of it), its parameters are the
     * container's own choice, the first of the client's offers it can accept (RFC 7692 §5), and
     * none acceptable leaves it out. Context takeover is agreed only when configured and when what
     * the connection would keep fits the server's budget; otherwise both sides reset after every
     * message.
     */
    private Negotiated negotiateExtensions(ServerEndpointConfig.Configurator configurator, ServerEndpointConfig sec,
                                           UpgradeRequest upgrade) {
        Set<Extension> implemented = server.config().permessageDeflateFor(sec.getUserProperties())
                ? Set.of(new JakartaExtension(PerMessageDeflate.NAME, List.of())) : Set.of();
        List<Extension> installed = new ArrayList<>(sec.getExtensions());
        for (Extension e : implemented) {
            if (installed.stream().noneMatch(i -> i.getName().equals(e.getName()))) {
                installed.add(e);
            }
        }
        List<Extension> chosen = configurator.getNegotiatedExtensions(
                Collections.unmodifiableList(installed), JakartaExtension.of(upgrade.extensions()));
        List<Extension> agreed = new ArrayList<>();
        PerMessageDeflate.Agreement deflate = null;
        long contextBytes = 0;
        if (chosen != null) {
            for (Extension e : chosen) {
                if (implemented.stream().noneMatch(i -> i.getName().equals(e.getName()))) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "extension " + e.getName() + " chosen by the configurator of "
                            + sec.getEndpointClass().getName() + " is not implemented by the container; not agreed");
                } else if (deflate == null) {
                    deflate = PerMessageDeflate.accept(upgrade.extensions(), server.config().deflateContextTakeover());
                    if (deflate != null) {
                        long wanted = ZlibPool.keptContextBytes(deflate.keepsOwnContext(), deflate.peerTakesContextOver());
                        if (wanted > 0 && server.deflatePool().reserveContext(wanted)) {
                            contextBytes = wanted;
                        } else if (wanted > 0) {
                            // Over deflate-context-memory: this connection resets after every message, both ways.
                            deflate = PerMessageDeflate.accept(upgrade.extensions(), false);
                        }
                        agreed.add(deflate.response() == PerMessageDeflate.RESET_BOTH_WAYS ? RESET_BOTH_WAYS
                                : JakartaExtension.of(List.of(deflate.response())).get(0));
                    }
                }
            }
        }
        // The usual agreement is one list for every connection: the session shows it, never changes it.
        List<Extension> all = agreed.size() == 1 && agreed.get(0) == RESET_BOTH_WAYS ? ONLY_RESET_BOTH_WAYS
                : List.copyOf(agreed);
        return new Negotiated(all, deflate, contextBytes);
    }

    private static URI requestUri(HttpRequest request, boolean secure) {
        String host = request.header("Host");
        String pathAndQuery = request.query() == null ? request.path() : request.path() + "?" + request.query();
        try {
            return URI.create((secure ? "wss://" : "ws://") + host + pathAndQuery);
        } catch (IllegalArgumentException e) {
            return URI.create(request.path());
        }
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
        server.operatorLog().refused(c.remoteAddress(), path, e.status(), e.getMessage());
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
        if (phase == Phase.READING) {
            LOG.log(System.Logger.Level.DEBUG, () -> "handshake from " + c.remoteAddress() + " not completed within "
                    + server.config().handshakeTimeoutMillis() + " ms; dropping the connection");
            server.operatorLog().stalled(c.remoteAddress(), null, "handshake-timeout", "upgrade request not completed within "
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
