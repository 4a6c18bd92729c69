package io.wssocket.spi;

import java.net.InetSocketAddress;

/**
 * Hears what a server tells its operator, for a metrics module (Micrometer, a custom exporter):
 * handshake outcomes, sessions opened and closed, slow sends, limits that closed or refused a
 * connection, and event-loop stalls; and, from its start to its stop, the {@link ServerGauges}
 * that read what the server holds now. The same events feed the runtime's JFR events, access log and
 * MBeans, so each is defined once.
 *
 * <p>A server finds its listeners with {@link java.util.ServiceLoader} (a module {@code provides
 * io.wssocket.spi.ServerMetricsListener with ...}; a new instance per server) and takes more from
 * {@code ServerConfig.Builder.metricsListener}. Calls come on event loops, the handshake executor
 * and sending threads, concurrently: a listener must be thread-safe, must not block, and should
 * only count. Every method does nothing unless implemented; a listener that throws is logged and
 * goes on being called.
 */
public interface ServerMetricsListener {

    /**
     * The server started serving: {@code gauges} reads what it holds now (open connections, queued
     * bytes, pools, event loops), for gauges read when a scrape asks. Told once, before any other
     * call, on the thread that starts the server.
     *
     * @param gauges the server's live values
     */
    default void serverStarted(ServerGauges gauges) {
    }

    /**
     * The server stopped: gauges made from {@link #serverStarted(ServerGauges)} should go. Told
     * once, after the last session's close, on the thread that stops the server.
     */
    default void serverStopped() {
    }

    /**
     * A handshake was answered: 101, or a refusal.
     *
     * @param handshake its outcome
     */
    default void handshake(Handshake handshake) {
    }

    /**
     * A session was opened (its 101 is on the way); its close will be told once.
     *
     * @param opened the session
     */
    default void sessionOpened(SessionOpened opened) {
    }

    /**
     * An opened session was closed.
     *
     * @param closed the session and what it carried
     */
    default void sessionClosed(SessionClosed closed) {
    }

    /**
     * A send waited longer than option {@code slow-send-threshold} for the peer: a blocking send
     * for the peer to take it, or an asynchronous one from its call to its write (told when written).
     *
     * @param send the send
     */
    default void slowSend(SlowSend send) {
    }

    /**
     * A limit closed a connection or refused a handshake.
     *
     * @param limit the limit and the connection
     */
    default void limitHit(LimitHit limit) {
    }

    /**
     * One turn of an event loop took longer than option {@code loop-stall-threshold}.
     *
     * @param stall the turn
     */
    default void loopStall(LoopStall stall) {
    }

    /**
     * A handshake's outcome.
     *
     * @param remoteAddress the client's address (the one a trusted proxy told, when one did)
     * @param path the request's path, or null when the request was not read that far
     * @param status the HTTP status answered: 101, or the refusal's (400, 403, 404, 429, 503, ...)
     * @param durationNanos from the connection's accept (or the host's request) to the answer
     * @param reason why it was refused, empty for 101
     */
    record Handshake(InetSocketAddress remoteAddress, String path, int status, long durationNanos, String reason) {
    }

    /**
     * A session that opened.
     *
     * @param remoteAddress the client's address
     * @param path the endpoint's path (its template, e.g. {@code /rooms/{room}})
     */
    record SessionOpened(InetSocketAddress remoteAddress, String path) {
    }

    /**
     * A session that closed.
     *
     * @param remoteAddress the client's address
     * @param path the endpoint's path (its template)
     * @param closeCode the close code (1006 when the connection ended without a close handshake)
     * @param initiator who began the close
     * @param durationNanos how long the session was open
     * @param bytesIn bytes read from the client after the handshake
     * @param bytesOut frame bytes sent to the client
     * @param messagesIn whole messages read
     * @param messagesOut whole messages sent
     */
    record SessionClosed(InetSocketAddress remoteAddress, String path, int closeCode, Initiator initiator,
                         long durationNanos, long bytesIn, long bytesOut, long messagesIn, long messagesOut) {
    }

    /** Who began a session's close. */
    enum Initiator {
        /** The client sent the first close frame. */
        CLIENT,
        /** The server did: the application, a timeout, a limit, a shutdown. */
        SERVER,
        /** Nobody: the connection ended without a close handshake. */
        NONE
    }

    /**
     * A send that waited long for the peer: a slow consumer.
     *
     * @param remoteAddress the client's address
     * @param path the endpoint's path
     * @param waitedNanos how long the send waited
     * @param queuedBytes the bytes still queued for the peer when it returned
     */
    record SlowSend(InetSocketAddress remoteAddress, String path, long waitedNanos, long queuedBytes) {
    }

    /**
     * A limit that closed a connection or refused a handshake.
     *
     * @param limit the option that names the limit ({@code max-message-size}, {@code read-idle-timeout},
     *     {@code max-connections-per-address}, ...), or a short description where no option does
     * @param remoteAddress the client's address
     * @param path the endpoint or request path, or null when unknown
     * @param code the close code sent (1008, 1009, ...) or the HTTP status answered (429, 503)
     * @param detail what was said to the client, or logged
     */
    record LimitHit(String limit, InetSocketAddress remoteAddress, String path, int code, String detail) {
    }

    /**
     * A turn of an event loop that took long: every other connection of that loop waited.
     *
     * @param loop the loop's thread name
     * @param durationNanos how long the turn took
     * @param connectionsHandled the connections whose reads or writes it handled
     * @param tasksRun the tasks from other threads it ran
     * @param slowest what took longest in the turn: "reads and writes of" a connection (its remote
     *     address), "task of" a class, "registering new connections", or "timers and held frames"
     * @param slowestNanos how long that took
     */
    record LoopStall(String loop, long durationNanos, int connectionsHandled, int tasksRun, String slowest,
                     long slowestNanos) {
    }
}
