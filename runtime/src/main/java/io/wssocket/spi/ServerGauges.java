package io.wssocket.spi;

/**
 * What a running server can say about itself at any moment, for a metrics module's gauges: the
 * values no event carries (how full its queues and pools are, how busy its event loops). Every
 * method reads the server's own counters when called, on the caller's thread, and costs the
 * connections nothing; call them when a scrape asks, not per event. A value the server does not
 * have (a hosted server has no event loops of its own, virtual threads no pool) is -1.
 *
 * <p>Given to {@link ServerMetricsListener#serverStarted(ServerGauges)}; valid until
 * {@link ServerMetricsListener#serverStopped()}, after which its values are those at the stop.
 */
public interface ServerGauges {

    /**
     * The endpoint that serves a request path, by its path template: what a metrics module tags
     * with, so that request paths (which a client chooses) never become tag values.
     *
     * @param requestPath a request's path, or an endpoint's template
     * @return the template of the endpoint deployed for it (e.g. {@code /rooms/{room}}), or null when none is
     */
    String endpointPath(String requestPath);

    /**
     * What the sessions of an endpoint have carried since the server started, those still open
     * included: added up as messages are read and sent, so it grows while sessions stay open.
     *
     * @param endpointPath an endpoint's path template (as the events give it)
     * @return the totals, or null when no session of that endpoint opened yet
     */
    Traffic traffic(String endpointPath);

    /**
     * Messages and bytes each way.
     *
     * @param messagesIn whole data messages read
     * @param messagesOut whole data messages sent
     * @param bytesIn bytes read after the handshake (frame headers included)
     * @param bytesOut frame bytes sent
     */
    record Traffic(long messagesIn, long messagesOut, long bytesIn, long bytesOut) {
    }

    /**
     * Open connections: WebSocket sessions and handshakes in progress.
     *
     * @return the count now
     */
    int openConnections();

    /**
     * Bytes queued for sending on all connections together, waiting for their peers to read.
     *
     * @return the bytes now, or -1 where the server does not count them (hosted)
     */
    long queuedOutboundBytes();

    /**
     * Option {@code max-outbound-bytes}: the bound on {@link #queuedOutboundBytes()}.
     *
     * @return the bytes, or -1 where the server does not count them (hosted)
     */
    long maxOutboundBytes();

    /**
     * The event loops serving.
     *
     * @return their number, or -1 where the server has none (hosted)
     */
    int eventLoops();

    /**
     * How long the event loops have been busy (handling sockets and tasks, not waiting for them),
     * added up over all loops since they started: its rate of growth over wall time, divided by
     * {@link #eventLoops()}, is their utilisation. A loop that failed and was replaced takes its
     * time with it, so the sum can go down.
     *
     * @return nanoseconds, or -1 when the loops' turns are not timed (option {@code loop-stall-threshold} 0) or there are none
     */
    long eventLoopBusyNanos();

    /**
     * Threads of the pool that runs endpoint code.
     *
     * @return their number now, or -1 when endpoint code runs on virtual threads (or the host's)
     */
    int callbackThreads();

    /**
     * Threads of the pool that runs endpoint code that are running a task now.
     *
     * @return the count, or -1 as for {@link #callbackThreads()}
     */
    int callbackThreadsActive();

    /**
     * Endpoint-code tasks waiting for a thread of the pool.
     *
     * @return the count, or -1 as for {@link #callbackThreads()}
     */
    int callbackTasksQueued();

    /**
     * Handshakes waiting for a thread of the handshake executor (option {@code handshake-queue} bounds them).
     *
     * @return the count, or -1 where the server has none (hosted)
     */
    int handshakesQueued();

    /**
     * TLS handshakes in progress (option {@code max-tls-handshakes} bounds them).
     *
     * @return the count, or -1 without TLS
     */
    int tlsHandshakesInProgress();

    /**
     * TLS handshakes that completed since the server started.
     *
     * @return the count, or -1 without TLS
     */
    long tlsHandshakesCompleted();

    /**
     * TLS handshakes whose connection closed before they completed, since the server started:
     * clients that gave up or failed, and handshake timeouts.
     *
     * @return the count, or -1 without TLS
     */
    long tlsHandshakesFailed();
}
