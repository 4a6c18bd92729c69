package io.wssocket.server;

import io.wssocket.handshake.HttpStatusException;
import io.wssocket.protocol.ProtocolEvents;
import io.wssocket.transport.LogSummary;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * What one server tells its operator at INFO about peers it turned away or dropped: refused
 * handshakes, connections closed because a limit was crossed, stalled peers, overload. Each kind
 * is a {@link LogSummary}: the first event is logged with its detail (who, which path, which
 * limit), the rest are counted and logged as one line per interval, so a flood costs a few lines.
 * The server flushes it periodically and at shutdown. One per server, never shared.
 */
final class OperatorLog implements ProtocolEvents {
    private static final System.Logger LOG = System.getLogger(OperatorLog.class.getName());

    private final LogSummary refusedHandshakes;
    private final LogSummary limitCloses;
    private final LogSummary stalls;
    private final LogSummary overload;
    private final LogSummary ignoredParameters;
    private final LogSummary proxyHeaders;
    private final LogSummary loopStalls;
    private final System.Logger log;
    /** Endpoint classes whose failure to open was logged with its trace; weak, so an undeployed application's classes can go. */
    private final Map<Class<?>, Boolean> endpointFailuresTold = Collections.synchronizedMap(new WeakHashMap<>());

    OperatorLog() {
        this(LOG);
    }

    OperatorLog(System.Logger log) {
        this.log = log;
        refusedHandshakes = LogSummary.info(log, "refused handshakes");
        limitCloses = LogSummary.info(log, "connections closed at a limit");
        stalls = LogSummary.info(log, "stalled connections closed");
        overload = LogSummary.info(log, "overload");
        ignoredParameters = LogSummary.info(log, "connections failed for an extension parameter the peer ignored");
        proxyHeaders = LogSummary.info(log, "connections closed at the PROXY header");
        loopStalls = LogSummary.info(log, "event-loop turns longer than loop-stall-threshold");
    }

    /**
     * A handshake answered with an error status. Counted by status: reasons carry the request's
     * own values (an origin, a path) and would make every line different.
     *
     * @param path the request's path, or null when the request did not get that far
     */
    void refused(InetSocketAddress peer, String path, int status, String reason) {
        refusedHandshakes.record(status + " " + HttpStatusException.reasonPhrase(status),
                () -> status + " to " + peer + where(path) + ": " + reason);
    }

    /**
     * A connection closed before HTTP because of its PROXY protocol header (option proxy-protocol):
     * from a peer not in trusted-proxies, or with a header that is malformed, too long or cut off.
     * Counted by {@code kind} ("untrusted peer", "malformed header", ...), never by the header's bytes.
     */
    void proxyHeaderRefused(InetSocketAddress peer, String kind, String reason) {
        proxyHeaders.record(kind, () -> "closed the connection from " + peer + " (" + kind + "): " + reason);
    }

    /** The server could not take more: {@code kind} names what ran out, {@code detail} the limit. */
    void overloaded(String kind, Supplier<String> detail) {
        overload.record(kind, detail);
    }

    @Override
    public void limitClosed(InetSocketAddress peer, String path, int code, String reason) {
        limitCloses.record(String.valueOf(code), () -> code + " to " + peer + where(path) + ": " + reason);
    }

    @Override
    public void stalled(InetSocketAddress peer, String path, String timeout, String reason) {
        stalls.record(timeout, () -> peer + where(path) + ": " + reason);
    }

    /** One turn of an event loop took long: counted per loop, the first told with what the turn did. */
    void loopStalled(String loop, long turnNanos, int connectionsHandled, int tasksRun, String slowest,
                     long slowestNanos) {
        loopStalls.record(loop, () -> loop + " took " + java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(turnNanos)
                + " ms for one turn (" + connectionsHandled + " connections handled, " + tasksRun + " tasks run; "
                + "slowest: " + slowest + ", " + java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(slowestNanos)
                + " ms): endpoint code or a blocking call on the loop?");
    }

    /**
     * A peer broke a parameter it agreed to. The one known case is a permessage-deflate client that
     * keeps its compression context although the server answered client_no_context_takeover
     * (Jetty 12's client unless it offers server_no_context_takeover), so the line says how to
     * serve such clients.
     */
    @Override
    public void extensionParameterIgnored(InetSocketAddress peer, String path, String parameter, String reason) {
        ignoredParameters.record(parameter, () -> "1007 to " + peer + where(path) + ": " + reason
                + (parameter.equals("client_no_context_takeover")
                ? "; to serve clients that keep their compression context, set deflate-context-takeover=true" : ""));
    }

    /**
     * An endpoint that could not be opened for a handshake: its constructor, its configurator's
     * getEndpointInstance or another configurator call threw. The same fault comes back with every
     * connection, so the trace is logged at WARNING once per endpoint class and each later failure
     * at DEBUG; the handshake is answered with 500, which the refused handshakes count.
     */
    void endpointFailed(Class<?> endpointClass, InetSocketAddress peer, Throwable error) {
        String line = "cannot open endpoint " + endpointClass.getName() + " for " + peer + ": " + error;
        if (endpointFailuresTold.putIfAbsent(endpointClass, Boolean.TRUE) == null) {
            log.log(System.Logger.Level.WARNING, line + " (logged once for this endpoint; later failures are logged at "
                    + "DEBUG and counted as 500 in the refused handshakes)", error);
        } else {
            log.log(System.Logger.Level.DEBUG, line, error);
        }
    }

    /** Logs counts whose interval is over; {@code force} (at shutdown) logs every count now. */
    void flush(boolean force) {
        for (LogSummary summary : List.of(refusedHandshakes, limitCloses, stalls, overload, ignoredParameters, proxyHeaders,
                loopStalls)) {
            summary.flush(force);
        }
    }

    private static String where(String path) {
        return path == null ? "" : " at " + path;
    }
}
