package io.wssocket.server;

import io.wssocket.endpoint.AnnotatedEndpoint;
import io.wssocket.handshake.AcceptKey;
import io.wssocket.handshake.HttpRequest;
import io.wssocket.handshake.HttpResponseWriter;
import io.wssocket.handshake.HttpStatusException;
import io.wssocket.handshake.JakartaExtension;
import io.wssocket.handshake.PerMessageDeflate;
import io.wssocket.handshake.QueryParameters;
import io.wssocket.handshake.UpgradeRequest;
import io.wssocket.protocol.Compression;
import io.wssocket.protocol.WebSocketConnection;
import io.wssocket.session.SessionRequest;
import io.wssocket.session.WsSession;
import io.wssocket.spi.HandshakeScope;
import io.wssocket.spi.SessionInstances;
import io.wssocket.transport.Connection;
import io.wssocket.wire.ZlibPool;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * One checked upgrade request's way to a session, the same whoever owns the connection: WS Socket's
 * own listener ({@link UpgradeHandler}) or a host that parsed the request and switches protocols
 * itself (a Servlet container). {@link #decide} runs the application's part of the handshake (the
 * authenticator, the origin check, the configurator's negotiation and {@code modifyHandshake}, the
 * endpoint's instance) on a thread that may block, and answers either {@link Refused} or
 * {@link Accepted}; an accepted upgrade becomes a session on a connection with
 * {@link Accepted#open(Connection)}, or gives back what it holds with {@link Accepted#abandon()}.
 */
final class EndpointUpgrade {
    private static final System.Logger LOG = System.getLogger(EndpointUpgrade.class.getName());

    /** Permessage-deflate without context takeover, as the Jakarta API shows it; immutable, so shared. */
    private static final Extension RESET_BOTH_WAYS = JakartaExtension.of(List.of(PerMessageDeflate.RESET_BOTH_WAYS)).get(0);
    private static final List<Extension> ONLY_RESET_BOTH_WAYS = List.of(RESET_BOTH_WAYS);

    /** What decided the handshake. */
    sealed interface Outcome permits Refused, Accepted {
    }

    /** The handshake is refused with this status; nothing is held. */
    record Refused(HttpStatusException error) implements Outcome {
    }

    /**
     * Who sent the request and what the host knows of it.
     *
     * @param remote the client's address: the peer's, or the one a trusted proxy reported
     * @param peer the socket's peer when a proxy may report the client's address (proxy-protocol or
     *     forwarded-headers on): both go into the connection's user properties; null otherwise, and
     *     then neither does
     * @param secure whether the request came over TLS
     * @param authentication who the host already authenticated (a Servlet container's principal and
     *     roles); null to ask the server's {@link HandshakeAuthenticator}
     * @param httpSession what {@code HandshakeRequest.getHttpSession()} returns; null standalone
     * @param contextPath what precedes the request's path in the URI the session reports: a Servlet
     *     web application's context path, whose endpoints are routed by the path within it; empty standalone
     * @param startNanos when the handshake began ({@link System#nanoTime()}): the connection's accept, or the
     *     host's request; for the handshake's duration
     */
    record Origin(InetSocketAddress remote, InetSocketAddress peer, boolean secure, Authentication authentication, Object httpSession,
                  String contextPath, long startNanos) {
    }

    private EndpointUpgrade() {
    }

    /**
     * Runs the application's part of the handshake for {@code upgrade}, routed to {@code match}.
     * Application code runs here (it may block), with the endpoint's class loader as the thread's
     * context loader and its integration's scopes active.
     */
    static Outcome decide(ServerRuntime server, UpgradeRequest upgrade, EndpointRegistry.Match match, Origin origin) {
        EndpointRegistry.Route route = match.route();
        // Each connection gets its own user properties (see ConnectionEndpointConfig).
        ConnectionEndpointConfig sec = new ConnectionEndpointConfig(route.config());
        if (origin.peer() != null) {
            // Before the configurator runs: modifyHandshake reads them from its config.
            sec.getUserProperties().put(WebSocketServer.REMOTE_ADDRESS_PROPERTY, origin.remote());
            sec.getUserProperties().put(WebSocketServer.PEER_ADDRESS_PROPERTY, origin.peer());
        }
        ServerEndpointConfig.Configurator configurator = sec.getConfigurator();
        HttpRequest request = upgrade.request();
        Thread thread = Thread.currentThread();
        ClassLoader previousLoader = thread.getContextClassLoader();
        thread.setContextClassLoader(sec.getEndpointClass().getClassLoader());
        SessionInstances instances = SessionInstances.forEndpoint(sec.getEndpointClass());
        // The configurator's calls are application code: its integration's scopes are active around them.
        HandshakeScope handshakeScope = instances.handshake();
        Negotiated negotiated = null;
        try {
            URI requestUri = requestUri(request, origin.secure(), origin.contextPath());
            Map<String, List<String>> parameters = QueryParameters.parse(request.query());
            UpgradeHandshakeRequest handshake = new UpgradeHandshakeRequest(request, requestUri,
                    UpgradeHandshakeRequest.parameterMap(match.pathParameters(), parameters), Authentication.ANONYMOUS,
                    origin.httpSession());
            Authentication authentication = origin.authentication();
            if (authentication == null) {
                try {
                    authentication = server.config().authenticator().authenticate(handshake);
                } catch (HandshakeRejection e) {
                    instances.releaseAll();
                    return new Refused(new HttpStatusException(e.status(), e.getMessage(), e.headers()));
                }
            }
            handshake = handshake.authenticated(authentication);
            if (!originAdmitted(server, configurator, sec, upgrade.origin(), request.header("Host"))) {
                instances.releaseAll();
                // The body reaches the client: it says which rule refused, not which origins are listed.
                return new Refused(new HttpStatusException(403, "origin " + upgrade.origin()
                        + " is not allowed (same origin or allowed-origins)"));
            }
            String subprotocol = configurator.getNegotiatedSubprotocol(sec.getSubprotocols(), upgrade.subprotocols());
            if (subprotocol == null || !upgrade.subprotocols().contains(subprotocol)) {
                subprotocol = ""; // RFC 6455 §4.2.2: only one the client offered may be selected
            }
            negotiated = negotiateExtensions(server, configurator, sec, upgrade);
            UpgradeHandshakeResponse response = new UpgradeHandshakeResponse();
            configurator.modifyHandshake(sec, handshake, response);
            Object instance = instances.endpointInstance(configurator, sec.getEndpointClass());
            Endpoint endpoint = route.model() != null ? new AnnotatedEndpoint(route.model(), instance) : (Endpoint) instance;
            SessionRequest sessionRequest = new SessionRequest(server.resources().sharedRequestUri(requestUri.toString()), request.query(), parameters, match.pathParameters(),
                    subprotocol, negotiated.agreed(), origin.secure(), authentication.principal());
            return new Accepted(server, route, sec, endpoint, instances, negotiated, sessionRequest,
                    AcceptKey.of(upgrade.key()), response.getHeaders(), origin.remote(), origin.startNanos());
        } catch (Exception | LinkageError e) {
            if (negotiated != null) {
                negotiated.releaseContext(server.deflatePool());
            }
            instances.releaseAll();
            server.operatorLog().endpointFailed(sec.getEndpointClass(), origin.remote(), e);
            return new Refused(new HttpStatusException(500, "the endpoint could not be opened"));
        } finally {
            try {
                handshakeScope.close();
            } finally {
                thread.setContextClassLoader(previousLoader);
            }
        }
    }

    /**
     * An upgrade the application agreed to: the answer's headers, and what becomes the session
     * once the connection switched protocols. Exactly one of {@link #open} and {@link #abandon}
     * is called.
     */
    static final class Accepted implements Outcome {
        private final ServerRuntime server;
        private final EndpointRegistry.Route route;
        private final ConnectionEndpointConfig sec;
        private final Endpoint endpoint;
        private final SessionInstances instances;
        private final Negotiated negotiated;
        private final SessionRequest request;
        private final String acceptKey;
        private final Map<String, List<String>> headers;
        private final InetSocketAddress remote;
        private final long startNanos;

        private Accepted(ServerRuntime server, EndpointRegistry.Route route, ConnectionEndpointConfig sec, Endpoint endpoint,
                         SessionInstances instances, Negotiated negotiated, SessionRequest request, String acceptKey,
                         Map<String, List<String>> headers, InetSocketAddress remote, long startNanos) {
            this.startNanos = startNanos;
            this.server = server;
            this.route = route;
            this.sec = sec;
            this.endpoint = endpoint;
            this.instances = instances;
            this.negotiated = negotiated;
            this.request = request;
            this.acceptKey = acceptKey;
            this.headers = headers;
            this.remote = remote;
        }

        /** Whether the endpoint's code runs on the event loop (option callbacks-on-loop, or the endpoint's user property). */
        boolean callbacksOnLoop() {
            // Read as they are: asking getUserProperties would make a map for every connection.
            return server.config().callbacksOnLoopFor(sec.userPropertiesSoFar());
        }

        /** The {@code Sec-WebSocket-Accept} value. */
        String acceptKey() {
            return acceptKey;
        }

        /** The subprotocol agreed, or null for none. */
        String subprotocol() {
            return request.subprotocol().isEmpty() ? null : request.subprotocol();
        }

        /** The {@code Sec-WebSocket-Extensions} value of the answer, or null for none. */
        String extensionsHeader() {
            return negotiated.header();
        }

        /** The headers the configurator's {@code modifyHandshake} put in the answer. */
        Map<String, List<String>> headers() {
            return headers;
        }

        /** The whole 101 answer, for a connection that writes it itself. */
        ByteBuffer switchingProtocols() {
            return HttpResponseWriter.switchingProtocols(acceptKey, subprotocol(), extensionsHeader(), headers);
        }

        /**
         * Makes the session on {@code connection}, counted among the endpoint's open sessions but
         * not opened yet: {@link Opened#begin} opens it on the connection's loop. On failure what
         * was held is given back, the operator told, and the exception thrown.
         */
        Opened open(Connection connection) {
            return open(connection, UnaryOperator.identity());
        }

        /** {@link #open(Connection)}, with the session's endpoint code run by {@code callbacks} applied to the server's executor. */
        Opened open(Connection connection, UnaryOperator<Executor> callbacks) {
            WebSocketConnection ws = null;
            try {
                // The route's path (a template's, not the request's): shared, so an idle connection holds no string of its own.
                ws = new WebSocketConnection(connection, server.config().connection().protocol(), 0, null,
                        server.events(), route.path(), server.sharedTextFrames(), negotiated.compression(server));
                ws.countInto(server.container().traffic(route.path()));
                WsSession session = new WsSession(server.resources().sessionIdPrefix(), server.resources().nextSessionNumber(), ws, endpoint, sec, server.container(), request,
                        server.container().sessionSettings(), server.container().inboundBudget(), server.container().openSessions(route),
                        callbacks.apply(server.callbackExecutor()), server.callbackExecutor(), route.encoders(), route.decoders(), sec.getEndpointClass().getClassLoader(),
                        instances, route.path());
                session.admit();
                server.events().accepted(remote, route.path(), startNanos);
                return new Opened(connection, ws, session);
            } catch (RuntimeException | LinkageError e) {
                if (ws != null) {
                    ws.abandon(); // gives back the compression's context budget
                } else {
                    negotiated.releaseContext(server.deflatePool());
                }
                instances.releaseAll();
                server.operatorLog().endpointFailed(sec.getEndpointClass(), remote, e);
                throw e;
            }
        }

        /** The connection never switched protocols: gives back the endpoint's instances and the deflate budget. */
        void abandon() {
            negotiated.releaseContext(server.deflatePool());
            instances.releaseAll();
        }
    }

    /** A session made on its connection, to be opened on the connection's loop. */
    record Opened(Connection connection, WebSocketConnection ws, WsSession session) {
        /**
         * On the connection's loop: opens the session, reading {@code leftover} (bytes that
         * followed the request) first; or, when the connection closed meanwhile, abandons it.
         */
        void begin(ByteBuffer leftover) {
            if (connection.isOpen()) {
                session.open(leftover);
            } else {
                session.abandon();
                ws.abandon();
            }
        }
    }

    /**
     * Whether the request's Origin may open a session. An endpoint whose configurator overrides
     * {@code checkOrigin} decides for itself (Jakarta WebSocket 2.2 §4.1.1: that is the portable
     * place for an origin check, and an application that wrote one may admit another site on
     * purpose); otherwise the server's policy decides: same origin, or allowed-origins (RFC 6455
     * §10.2), which the container's default configurator would otherwise leave open.
     */
    private static boolean originAdmitted(ServerRuntime server, ServerEndpointConfig.Configurator configurator,
                                          ConnectionEndpointConfig sec, String origin, String host) {
        if (OriginChecks.overridden(configurator)) {
            return configurator.checkOrigin(origin);
        }
        return server.config().allowedOrigins().forEndpoint(sec.userPropertiesSoFar()).allows(origin, host);
    }

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
    private static Negotiated negotiateExtensions(ServerRuntime server, ServerEndpointConfig.Configurator configurator,
                                                  ConnectionEndpointConfig sec, UpgradeRequest upgrade) {
        Set<Extension> implemented = server.config().permessageDeflateFor(sec.userPropertiesSoFar())
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

    /** The URI the session reports: the request's, with the scheme the connection speaks. */
    private static URI requestUri(HttpRequest request, boolean secure, String contextPath) {
        String host = request.header("Host");
        String path = contextPath + request.path();
        String pathAndQuery = request.query() == null ? path : path + "?" + request.query();
        try {
            return URI.create((secure ? "wss://" : "ws://") + host + pathAndQuery);
        } catch (IllegalArgumentException e) {
            return URI.create(path);
        }
    }
}
