package io.wssocket.server;

import io.wssocket.config.ClusterOptions;
import io.wssocket.config.Option;
import io.wssocket.config.OptionValues;
import io.wssocket.config.Options;
import io.wssocket.config.Origin;
import io.wssocket.config.ServerOptions;
import io.wssocket.handshake.HttpRequest;
import io.wssocket.handshake.HttpResponseWriter;
import io.wssocket.handshake.IpLiteral;
import io.wssocket.handshake.TrustedProxies;
import io.wssocket.protocol.WebSocketConnection;
import io.wssocket.session.WsSession;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The operator's view of a running server, answered on the health-port listener only (option
 * admin-view): {@code <prefix>/admin}, a small page whose script renders
 * {@code <prefix>/admin/status.json} every few seconds: the endpoints, sessions per request path,
 * connections per remote address, the sessions with the most bytes queued for their peer, and the
 * numeric options (limits, sizes, timeouts, thread counts) with their values and where each came
 * from. There is no authentication: only loopback peers and those of option admin-allow are
 * answered, every other gets 403; so does a request whose {@code Host} is a name other than
 * {@code localhost}, which is how a page of another site reaches 127.0.0.1 by DNS rebinding.
 *
 * <p>The snapshot is read on the request, on a handshake thread (never on an event loop, which
 * would keep its connections waiting): one pass over the open sessions, each read without waiting
 * for its loop (the counts the loops keep in plain fields, the queue and the send counts under
 * their locks for the read alone), the tables cut to the busiest {@value #TOP} rows. Nothing is
 * counted per frame for it.
 */
final class AdminView {
    /** Rows of each table that could grow with the connections: addresses, request paths, sessions. */
    static final int TOP = 20;
    /** The options of these ports are in the server section, not among the limits. */
    private static final Set<Option<?>> PORTS = Set.of(ServerOptions.PORT, ServerOptions.HEALTH_PORT,
            ClusterOptions.CLUSTER_PORT);
    private static final String PAGE = page();
    /**
     * The page allows nothing but its own inline style and script (by their hashes, CSP Level 2)
     * and fetches from its own origin: a value that got into the page could run nothing.
     */
    private static final String PAGE_POLICY = "default-src 'none'; style-src " + hashOf(PAGE, "style") + "; script-src "
            + hashOf(PAGE, "script") + "; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final String page;
    private final String status;
    private final WebSocketServer server;
    private final TrustedProxies allowed;

    /**
     * @param prefix option health-path, not empty
     * @param server the server shown, read on each request
     */
    AdminView(String prefix, WebSocketServer server) {
        this.page = prefix + "/admin";
        this.status = prefix + "/admin/status.json";
        this.server = server;
        this.allowed = server.config().adminAllowBlocks();
    }

    /** Whether {@code path} is the page or its JSON. */
    boolean handles(String path) {
        return path.equals(page) || path.equals(status);
    }

    /**
     * The whole response to a request for one of the {@linkplain #handles handled} paths.
     *
     * @param remote the socket's peer (the health listener takes no proxy's word on it)
     */
    ByteBuffer[] respond(HttpRequest request, InetSocketAddress remote) {
        InetAddress peer = remote == null ? null : remote.getAddress();
        if (peer == null || !peer.isLoopbackAddress() && !allowed.contains(peer)) {
            // No authentication: whom the view answers is all that keeps the server's insides private.
            return answer(403, "application/json", "{\"status\":\"FORBIDDEN\"}\n", false, Map.of());
        }
        if (!namesThisMachine(request.header("Host"))) {
            // DNS rebinding: a page of another site whose name now resolves to 127.0.0.1 sends its own name.
            return answer(403, "application/json", "{\"status\":\"FORBIDDEN\",\"reason\":\"the Host must be an IP "
                    + "address or localhost\"}\n", false, Map.of());
        }
        boolean head = request.method().equals("HEAD");
        if (!head && !request.method().equals("GET")) {
            // RFC 9110 §15.5.6: 405 names the methods the resource has.
            return answer(405, "application/json", "{\"status\":\"METHOD_NOT_ALLOWED\"}\n", false,
                    Map.of("Allow", "GET, HEAD"));
        }
        if (request.path().equals(page)) {
            return answer(200, "text/html; charset=utf-8", PAGE, head, Map.of("Content-Security-Policy", PAGE_POLICY,
                    "Referrer-Policy", "no-referrer"));
        }
        String json;
        try {
            json = statusJson();
        } catch (IllegalStateException e) {
            return answer(503, "application/json", "{\"status\":\"STOPPED\"}\n", false, Map.of()); // closed meanwhile
        }
        return answer(200, "application/json", json, head, Map.of());
    }

    /** Whether the Host header names an IP address or localhost, with or without a port. */
    static boolean namesThisMachine(String host) {
        if (host == null) {
            return false;
        }
        String h = host.trim();
        String name;
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            if (end < 0 || end + 1 < h.length() && h.charAt(end + 1) != ':') {
                return false;
            }
            name = h.substring(1, end);
        } else {
            int colon = h.indexOf(':');
            name = colon < 0 ? h : h.substring(0, colon);
        }
        return name.equalsIgnoreCase("localhost") || !name.isEmpty() && IpLiteral.parse(name) != null;
    }

    private static ByteBuffer[] answer(int status, String type, String text, boolean head, Map<String, String> extra) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", type);
        headers.put("Content-Length", Integer.toString(body.length));
        // RFC 9111 §5.2.2.5: a view of the moment, never to be kept.
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        headers.put("Connection", "close");
        headers.putAll(extra);
        ByteBuffer responseHead = HttpResponseWriter.head(status, headers);
        // RFC 9110 §9.3.2: HEAD gets the head a GET would, without the content.
        return head ? new ByteBuffer[] {responseHead} : new ByteBuffer[] {responseHead, ByteBuffer.wrap(body)};
    }

    // ------------------------------------------------------------------ the snapshot

    /** One session's row, read once. */
    private record SessionRow(Session session, String path, WebSocketConnection.Traffic traffic) {
    }

    /** The status as JSON: one pass over the sessions, tables cut to {@value #TOP} rows. */
    String statusJson() {
        long nowNanos = System.nanoTime();
        Instant now = Instant.now();
        StringBuilder json = new StringBuilder(4096).append("{\"server\":");
        List<String> endpoints = new ArrayList<>();
        Map<String, Integer> byPath = new HashMap<>();
        // The TOP sessions with the most queued bytes: the least of them at the head, to be replaced.
        PriorityQueue<SessionRow> busiest = new PriorityQueue<>(Comparator.comparingLong(r -> r.traffic().queuedBytes()));
        int sessions = 0;
        for (EndpointRegistry.Route route : server.container().registry().routes()) {
            int open = 0;
            for (Session session : route.openSessions()) {
                if (!(session instanceof WsSession ws)) {
                    continue;
                }
                open++;
                String path = ws.requestPath();
                byPath.merge(path, 1, Integer::sum);
                busiest.add(new SessionRow(session, path, ws.traffic()));
                if (busiest.size() > TOP) {
                    busiest.poll();
                }
            }
            sessions += open;
            endpoints.add("{\"path\":" + JsonText.quoted(route.path()) + ",\"kind\":\""
                    + (route.model() != null ? "annotated" : "programmatic") + "\",\"class\":"
                    + JsonText.quoted(route.config().getEndpointClass() == null ? null
                            : route.config().getEndpointClass().getName()) + ",\"openSessions\":" + open + "}");
        }
        server(json, now, sessions);
        json.append(",\"endpoints\":[").append(String.join(",", endpoints)).append(']');
        json.append(",\"connectionsByPath\":[");
        counted(json, byPath, "path", "sessions");
        Map<String, Integer> byAddress = new HashMap<>();
        server.addressCounts().forEach((address, count) -> byAddress.put(address.getHostAddress(), count));
        json.append("],\"addresses\":").append(byAddress.size()).append(",\"connectionsByAddress\":[");
        counted(json, byAddress, "address", "connections");
        json.append("],\"busiestSessions\":[");
        List<SessionRow> rows = new ArrayList<>(busiest);
        rows.sort(Comparator.comparingLong((SessionRow r) -> r.traffic().queuedBytes()).reversed());
        String separator = "";
        for (SessionRow row : rows) {
            json.append(separator);
            session(json, row, now, nowNanos);
            separator = ",";
        }
        json.append("],\"limits\":[");
        limits(json);
        return json.append("]}\n").toString();
    }

    private void server(StringBuilder json, Instant now, int sessions) {
        Instant started = server.startedAt();
        InetSocketAddress health = server.healthAddress();
        json.append("{\"version\":").append(JsonText.quoted(version()))
                .append(",\"now\":").append(JsonText.quoted(now.toString()))
                .append(",\"startedAt\":").append(JsonText.quoted(started == null ? null : started.toString()))
                .append(",\"uptimeSeconds\":").append(started == null ? 0 : Duration.between(started, now).toSeconds())
                .append(",\"readiness\":\"").append(server.readiness().name())
                .append("\",\"address\":").append(JsonText.quoted(JfrEvents.address(server.localAddress())))
                .append(",\"healthAddress\":").append(JsonText.quoted(JfrEvents.address(health)))
                .append(",\"tls\":").append(server.config().tls().serverEnabled())
                .append(",\"openConnections\":").append(server.connectionCount())
                .append(",\"openSessions\":").append(sessions)
                .append('}');
    }

    /** The {@value #TOP} largest counts, largest first. */
    private static void counted(StringBuilder json, Map<String, Integer> counts, String keyName, String countName) {
        List<Map.Entry<String, Integer>> top = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP).toList();
        String separator = "";
        for (Map.Entry<String, Integer> entry : top) {
            json.append(separator).append("{\"").append(keyName).append("\":").append(JsonText.quoted(entry.getKey()))
                    .append(",\"").append(countName).append("\":").append(entry.getValue()).append('}');
            separator = ",";
        }
    }

    private static void session(StringBuilder json, SessionRow row, Instant now, long nowNanos) {
        WebSocketConnection.Traffic t = row.traffic();
        Object told = row.session().getUserProperties().get(WebSocketServer.REMOTE_ADDRESS_PROPERTY);
        InetSocketAddress remote = told instanceof InetSocketAddress address ? address : t.remoteAddress();
        String openSince = t.startedNanos() == 0 ? null
                : now.minusNanos(Math.max(0, nowNanos - t.startedNanos())).truncatedTo(ChronoUnit.MILLIS)
                        .toString();
        json.append("{\"id\":").append(JsonText.quoted(row.session().getId()))
                .append(",\"path\":").append(JsonText.quoted(row.path()))
                .append(",\"remote\":").append(JsonText.quoted(JfrEvents.address(remote)))
                .append(",\"queuedBytes\":").append(t.queuedBytes())
                .append(",\"openSince\":").append(JsonText.quoted(openSince))
                .append(",\"openSeconds\":").append(t.startedNanos() == 0 ? 0
                        : TimeUnit.NANOSECONDS.toSeconds(nowNanos - t.startedNanos()))
                .append(",\"bytesIn\":").append(t.bytesIn())
                .append(",\"bytesOut\":").append(t.bytesOut())
                .append(",\"messagesIn\":").append(t.messagesIn())
                .append(",\"messagesOut\":").append(t.messagesOut())
                .append('}');
    }

    /** Every numeric option of the server (limits, sizes, timeouts, thread counts) but the ports. */
    private void limits(StringBuilder json) {
        OptionValues values = server.config().optionValues();
        String separator = "";
        for (Option<?> option : Options.SERVER_CONFIG) {
            Object value = values.get(option);
            if (!(value instanceof Number) || PORTS.contains(option)) {
                continue;
            }
            Origin origin = values.origin(option);
            json.append(separator).append("{\"name\":").append(JsonText.quoted(option.name()))
                    .append(",\"value\":").append(value)
                    .append(",\"default\":").append(JsonText.quoted(option.defaultText()))
                    .append(",\"set\":").append(!origin.isDefault())
                    .append(",\"source\":").append(JsonText.quoted(origin.toString()))
                    .append('}');
            separator = ",";
        }
    }

    /** The runtime jar's Implementation-Version, or "unknown" when the classes do not run from it. */
    private static String version() {
        String version = AdminView.class.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? "unknown" : version;
    }

    // ------------------------------------------------------------------ the page

    private static String page() {
        try (InputStream in = AdminView.class.getResourceAsStream("admin.html")) {
            if (in == null) {
                throw new IllegalStateException("admin.html is missing from the runtime's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CSP source of the page's one {@code <tag>} element: {@code 'sha256-...'} of its text. */
    private static String hashOf(String page, String tag) {
        int start = page.indexOf('>', page.indexOf("<" + tag + ">")) + 1;
        int end = page.indexOf("</" + tag + ">", start);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(page.substring(start, end).getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
