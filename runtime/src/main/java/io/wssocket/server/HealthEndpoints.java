package io.wssocket.server;

import io.wssocket.handshake.HttpRequest;
import io.wssocket.handshake.HttpResponseWriter;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The health endpoints a load balancer probes, and the operator's drain request, answered on the
 * handshake connection from what {@code UpgradeHandler} parsed (no second HTTP server):
 * {@code <prefix>/live} (200 while the process serves), {@code <prefix>/ready} (200 while it
 * accepts connections, 503 while it starts or drains) for GET and HEAD, 405 for other methods; on
 * the health-port listener only, {@code POST <prefix>/drain} from a loopback address (202, else
 * 403), and {@code <prefix>/admin...} to the {@link AdminView} when there is one. Every health
 * answer is small JSON, not to be cached ({@code Cache-Control: no-store}, RFC 9111 §5.2.2.5: a
 * cached "UP" would hide a drain), and closes the connection.
 */
final class HealthEndpoints {
    /** What {@code <prefix>/ready} reports. */
    enum Readiness {
        /** Listening, not yet serving: 503. */
        STARTING,
        /** Accepting new connections: 200. */
        READY,
        /** Draining or stopping: new handshakes get 503, and so does ready. */
        DRAINING
    }

    private final String live;
    private final String ready;
    private final String drain;
    private final Supplier<Readiness> readiness;
    private final Runnable startDrain;
    /** The admin view the health-port listener answers too, or null. */
    private final AdminView admin;

    /**
     * @param prefix option health-path, not empty
     * @param readiness the server's state now
     * @param startDrain begins a drain (and returns at once); called again during one, it does nothing
     */
    HealthEndpoints(String prefix, Supplier<Readiness> readiness, Runnable startDrain) {
        this(prefix, readiness, startDrain, null);
    }

    /**
     * @param admin the admin view the health-port listener answers too ({@code <prefix>/admin...}), or null
     */
    HealthEndpoints(String prefix, Supplier<Readiness> readiness, Runnable startDrain, AdminView admin) {
        this.admin = admin;
        this.live = prefix + "/live";
        this.ready = prefix + "/ready";
        this.drain = prefix + "/drain";
        this.readiness = readiness;
        this.startDrain = startDrain;
    }

    /**
     * Whether the health-port listener answers {@code path} off its event loop (the admin view,
     * which reads every open session), through {@link #respond} all the same.
     */
    boolean answersOffLoop(String path) {
        return admin != null && admin.handles(path);
    }

    /**
     * The whole response to {@code request} when its path is a health endpoint, or null.
     *
     * @param healthListener whether the request came to the health-port listener, where the drain
     *     request is taken and every other path is 404
     */
    ByteBuffer[] respond(HttpRequest request, InetSocketAddress remote, boolean healthListener) {
        String path = request.path();
        boolean head = request.method().equals("HEAD");
        if (path.equals(live) || path.equals(ready)) {
            if (!head && !request.method().equals("GET")) {
                // RFC 9110 §15.5.6: 405 names the methods the resource has.
                return answer(405, "METHOD_NOT_ALLOWED", false, Map.of("Allow", "GET, HEAD"));
            }
            if (path.equals(live)) {
                return answer(200, "UP", head, Map.of());
            }
            Readiness now = readiness.get();
            return answer(now == Readiness.READY ? 200 : 503, now == Readiness.READY ? "UP" : now.name(), head,
                    now == Readiness.READY ? Map.of() : Map.of("Retry-After", "5"));
        }
        if (!healthListener) {
            return null;
        }
        if (admin != null && admin.handles(path)) {
            return admin.respond(request, remote);
        }
        if (!path.equals(drain)) {
            return answer(404, "NOT_FOUND", head, Map.of());
        }
        if (!request.method().equals("POST")) {
            return answer(405, "METHOD_NOT_ALLOWED", head, Map.of("Allow", "POST"));
        }
        if (remote == null || !remote.getAddress().isLoopbackAddress()) {
            // Whoever can reach the health port may probe it; only this machine may take the node out of rotation.
            return answer(403, "FORBIDDEN", false, Map.of());
        }
        startDrain.run();
        return answer(202, Readiness.DRAINING.name(), false, Map.of());
    }

    private static ByteBuffer[] answer(int status, String word, boolean head, Map<String, String> extra) {
        byte[] body = ("{\"status\":\"" + word + "\"}\n").getBytes(StandardCharsets.US_ASCII);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Content-Length", Integer.toString(body.length));
        headers.put("Cache-Control", "no-store");
        headers.put("Connection", "close");
        headers.putAll(extra);
        ByteBuffer responseHead = HttpResponseWriter.head(status, headers);
        // RFC 9110 §9.3.2: HEAD gets the head a GET would, without the content.
        return head ? new ByteBuffer[] {responseHead} : new ByteBuffer[] {responseHead, ByteBuffer.wrap(body)};
    }
}
