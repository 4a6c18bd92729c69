package io.wssocket.server;

import io.wssocket.handshake.HttpRequest;
import io.wssocket.handshake.HttpResponseWriter;
import io.wssocket.handshake.TokenList;
import io.wssocket.spi.MetricsExposition;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Option metrics: {@code <health-path>/metrics} answered with the {@link MetricsExposition} a
 * module provides, where the health endpoints are answered (the health-port listener, else the
 * main port, where a WebSocket upgrade for the path still goes to its endpoint). A scrape may take
 * a while on a large registry, so {@code UpgradeHandler} runs it on the handshake executor, never
 * on an event loop. Like the health answers it is not to be cached and closes the connection.
 */
final class MetricsEndpoint {
    private static final System.Logger LOG = System.getLogger(MetricsEndpoint.class.getName());

    private final String path;
    private final MetricsExposition exposition;

    /** @param healthPath option health-path, not empty */
    MetricsEndpoint(String healthPath, MetricsExposition exposition) {
        this.path = healthPath + "/metrics";
        this.exposition = exposition;
    }

    /** Whether {@code request} is a scrape: its path, and no WebSocket upgrade unless on the health listener. */
    boolean answers(HttpRequest request, boolean healthListener) {
        return request.path().equals(path)
                && (healthListener || !TokenList.contains(request.headerValues("Upgrade"), "websocket"));
    }

    /** The whole response to a scrape request: off the event loops, since the scrape may be long. */
    ByteBuffer[] respond(HttpRequest request) {
        boolean head = request.method().equals("HEAD");
        if (!head && !request.method().equals("GET")) {
            // RFC 9110 §15.5.6: 405 names the methods the resource has.
            return new ByteBuffer[] {HttpResponseWriter.error(405, "GET or HEAD", Map.of("Allow", "GET, HEAD"))};
        }
        byte[] body;
        try {
            body = exposition.scrape();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the metrics scrape failed", e);
            return new ByteBuffer[] {HttpResponseWriter.error(500, "the metrics scrape failed; the server's log says why", Map.of())};
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", exposition.contentType());
        headers.put("Content-Length", Integer.toString(body.length));
        headers.put("Cache-Control", "no-store");
        headers.put("Connection", "close");
        ByteBuffer responseHead = HttpResponseWriter.head(200, headers);
        // RFC 9110 §9.3.2: HEAD gets the head a GET would, without the content.
        return head ? new ByteBuffer[] {responseHead} : new ByteBuffer[] {responseHead, ByteBuffer.wrap(body)};
    }
}
