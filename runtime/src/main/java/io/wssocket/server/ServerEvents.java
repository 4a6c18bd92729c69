package io.wssocket.server;

import io.wssocket.config.Option;
import io.wssocket.config.Options;
import io.wssocket.protocol.ClosedConnection;
import io.wssocket.protocol.ProtocolEvents;
import io.wssocket.spi.MetricsExposition;
import io.wssocket.spi.ServerGauges;
import io.wssocket.spi.ServerMetricsListener;
import io.wssocket.transport.LoopStallListener;
import io.wssocket.wire.CloseCodes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The one place where a server's events are defined: every handshake outcome, session open and
 * close, slow send, limit hit and loop stall goes through here, from the standalone listener, the
 * hosted (Servlet) runtime, the connections and the event loops alike, and is told to the
 * operator's log, the JFR events, the access log, the MBeans' counters and every
 * {@link ServerMetricsListener}. Nothing here runs per frame: a connection counts its own bytes
 * and messages in plain fields and tells them once, at its close.
 */
final class ServerEvents implements ProtocolEvents, LoopStallListener {
    private static final System.Logger LOG = System.getLogger(ServerEvents.class.getName());
    /** Every option's name, longest first, so that a reason naming max-connections-per-address is not taken for max-connections. */
    private static final List<String> OPTION_NAMES = Options.ALL.stream().map(Option::name)
            .sorted(Comparator.comparingInt(String::length).reversed()).toList();

    private final OperatorLog log;
    private final long slowSendNanos;
    private final long loopStallNanos;
    private final AccessLog accessLog;
    private final ServerCounters counters;
    /** Option metrics' scrape, from the module that provides it; null when the option is off or no module does. */
    private final MetricsExposition exposition;
    /** Option metrics is on and no module provides the scrape: the standalone server does not start. */
    private final boolean expositionMissing;
    /** The access log, the counters and the listeners found or configured; fixed at construction. */
    private final ServerMetricsListener[] listeners;
    private ServerMBeans mbeans;
    private volatile boolean gaugesTold;

    ServerEvents(ServerConfig config, OperatorLog log) {
        this.log = log;
        this.slowSendNanos = TimeUnit.MILLISECONDS.toNanos(config.slowSendThresholdMillis());
        long stall = config.loopStallThresholdMillis();
        this.loopStallNanos = stall == 0 ? 0 : TimeUnit.MILLISECONDS.toNanos(stall);
        this.accessLog = AccessLog.of(config);
        this.counters = config.jmx() ? new ServerCounters() : null;
        List<ServerMetricsListener> all = new ArrayList<>();
        if (accessLog != null) {
            all.add(accessLog);
        }
        if (counters != null) {
            all.add(counters);
        }
        all.addAll(config.metricsListeners());
        all.addAll(loaded());
        this.exposition = config.metrics() ? exposition() : null;
        this.expositionMissing = config.metrics() && exposition == null;
        if (exposition != null) {
            all.add(exposition.listener());
        }
        this.listeners = all.toArray(ServerMetricsListener[]::new);
    }

    /** The scrape a module provides (a new instance for this server), or null when none does. */
    private static MetricsExposition exposition() {
        try {
            return ServiceLoader.load(MetricsExposition.class, ServerEvents.class.getClassLoader()).findFirst().orElse(null);
        } catch (ServiceConfigurationError e) {
            LOG.log(System.Logger.Level.WARNING, "the MetricsExposition on the class path cannot be loaded", e);
            return null;
        }
    }

    /**
     * Option metrics' scrape, for {@code <health-path>/metrics}.
     *
     * @return it, or null when the option is off
     * @throws IOException when the option is on and no module provides it: the server must not start
     */
    MetricsExposition requiredExposition() throws IOException {
        if (expositionMissing) {
            throw new IOException("metrics is on but no metrics module is on the class path: add wssocket-micrometer.jar "
                    + "and the jars of its lib/ directory (see docs/operations.md, Metrics)");
        }
        return exposition;
    }

    /** The listeners modules provide, a new instance of each for this server. */
    private static List<ServerMetricsListener> loaded() {
        List<ServerMetricsListener> found = new ArrayList<>();
        try {
            for (ServerMetricsListener listener : ServiceLoader.load(ServerMetricsListener.class,
                    ServerEvents.class.getClassLoader())) {
                found.add(listener);
            }
        } catch (ServiceConfigurationError e) {
            LOG.log(System.Logger.Level.WARNING, "a ServerMetricsListener could not be loaded; it hears nothing", e);
        }
        return found;
    }

    /**
     * The server serves: the access log's writer starts and, with option jmx, its MBean is registered.
     *
     * @param name the server's name in the MBean's ObjectName
     */
    void start(String name, IntSupplier openConnections, Supplier<Map<String, Integer>> sessionsByPath,
               Supplier<ServerGauges.Traffic> traffic) {
        if (accessLog != null) {
            accessLog.start();
        }
        if (counters != null) {
            mbeans = ServerMBeans.register(name, counters, openConnections, sessionsByPath, traffic);
        }
    }

    /** The server serves: the listeners get the gauges that read what it holds. Once, before {@link #stop()}. */
    void serverStarted(ServerGauges gauges) {
        gaugesTold = true;
        tell(l -> l.serverStarted(gauges));
    }

    /** The server stopped: the listeners told of its start hear of it, the MBean goes, the access log is written out and closed. */
    void stop() {
        if (gaugesTold) {
            gaugesTold = false;
            tell(ServerMetricsListener::serverStopped);
        }
        if (mbeans != null) {
            mbeans.unregister();
            mbeans = null;
        }
        if (accessLog != null) {
            accessLog.stop();
        }
    }

    /** Whether event-loop turns are timed: option loop-stall-threshold is not 0. */
    long loopStallThresholdNanos() {
        return loopStallNanos;
    }

    // ------------------------------------------------------------------ handshakes (server layer)

    /** A handshake answered 101; its session opens. */
    void accepted(InetSocketAddress remote, String path, long startNanos) {
        long duration = System.nanoTime() - startNanos;
        JfrEvents.handshake(remote, path, 101, duration, "");
        if (listeners.length > 0) {
            ServerMetricsListener.Handshake handshake = new ServerMetricsListener.Handshake(remote, path, 101, duration, "");
            ServerMetricsListener.SessionOpened opened = new ServerMetricsListener.SessionOpened(remote, path);
            tell(l -> {
                l.handshake(handshake);
                l.sessionOpened(opened);
            });
        }
    }

    /**
     * A handshake answered with an error status: the operator's log counts it, and a refusal at a
     * limit (429, 503 at max-connections or handshake-queue) is also a limit hit.
     *
     * @param path the request's path, or null when it was not read that far
     */
    void refused(InetSocketAddress remote, String path, int status, String reason, long startNanos) {
        log.refused(remote, path, status, reason);
        answered(remote, path, status, reason, startNanos);
    }

    /**
     * A handshake answered with an error status that the operator's log was told of in its own
     * way (an overload): only the telemetry hears of it here.
     */
    void answered(InetSocketAddress remote, String path, int status, String reason, long startNanos) {
        long duration = System.nanoTime() - startNanos;
        JfrEvents.handshake(remote, path, status, duration, reason);
        String limit = status == 429 || status == 503 ? limitOf(status, reason) : null;
        if (limit != null) {
            JfrEvents.limitHit(limit, remote, path, status, reason);
        }
        if (listeners.length > 0) {
            ServerMetricsListener.Handshake handshake = new ServerMetricsListener.Handshake(remote, path, status, duration,
                    reason);
            ServerMetricsListener.LimitHit hit = limit == null ? null
                    : new ServerMetricsListener.LimitHit(limit, remote, path, status, reason);
            tell(l -> {
                l.handshake(handshake);
                if (hit != null) {
                    l.limitHit(hit);
                }
            });
        }
    }

    /**
     * The limit a reason names: the option it mentions, or for the reasons that name none, the
     * option that made them; null for a refusal that is no limit's (a draining server's 503).
     *
     * @param code the close code sent, or the HTTP status answered
     */
    static String limitOf(int code, String reason) {
        for (String option : OPTION_NAMES) {
            if (reason.contains(option)) {
                return option;
            }
        }
        if (reason.contains("handshakes waiting")) {
            return "handshake-queue";
        }
        if (reason.contains("limit of") && reason.contains("connections")) {
            return "max-connections";
        }
        if (reason.startsWith("slow consumer")) {
            // The sender dropped a peer that does not read: stalled past the timeout, or its queue was full.
            return reason.contains("nothing could be written") ? "send-stall-timeout" : "send-queue-policy";
        }
        if (code == CloseCodes.MESSAGE_TOO_BIG) {
            return reason.startsWith("frame") ? "max-frame-payload" : "max-message-size";
        }
        return null;
    }

    /**
     * A connection closed at accept, before any HTTP, at a limit ({@code max-connections},
     * {@code max-tls-handshakes}, {@code trusted-proxies} with proxy-protocol): the operator's log
     * was told by the caller; here the telemetry hears of it.
     */
    void closedAtAccept(String limit, InetSocketAddress remote, String detail) {
        limitHit(limit, remote, null, 0, detail);
    }

    // ------------------------------------------------------------------ connections (ProtocolEvents)

    @Override
    public void limitClosed(InetSocketAddress peer, String path, int code, String reason) {
        log.limitClosed(peer, path, code, reason);
        String limit = limitOf(code, reason);
        limitHit(limit == null ? "close " + code : limit, peer, path, code, reason);
    }

    @Override
    public void stalled(InetSocketAddress peer, String path, String timeout, String reason) {
        log.stalled(peer, path, timeout, reason);
        limitHit(timeout, peer, path, 0, reason);
    }

    private void limitHit(String limit, InetSocketAddress peer, String path, int code, String reason) {
        JfrEvents.limitHit(limit, peer, path, code, reason);
        if (listeners.length > 0) {
            ServerMetricsListener.LimitHit hit = new ServerMetricsListener.LimitHit(limit, peer, path, code, reason);
            tell(l -> l.limitHit(hit));
        }
    }

    @Override
    public void extensionParameterIgnored(InetSocketAddress peer, String path, String parameter, String reason) {
        log.extensionParameterIgnored(peer, path, parameter, reason);
    }

    @Override
    public void connectionClosed(ClosedConnection c) {
        ServerMetricsListener.Initiator initiator = switch (c.initiator()) {
            case PEER -> ServerMetricsListener.Initiator.CLIENT;
            case LOCAL -> ServerMetricsListener.Initiator.SERVER;
            case NONE -> ServerMetricsListener.Initiator.NONE;
        };
        JfrEvents.sessionClosed(c.peer(), c.path(), c.code(), initiator.name(), c.openNanos(), c.bytesIn(), c.bytesOut(),
                c.messagesIn(), c.messagesOut());
        if (listeners.length > 0) {
            ServerMetricsListener.SessionClosed closed = new ServerMetricsListener.SessionClosed(c.peer(), c.path(),
                    c.code(), initiator, c.openNanos(), c.bytesIn(), c.bytesOut(), c.messagesIn(), c.messagesOut());
            tell(l -> l.sessionClosed(closed));
        }
    }

    @Override
    public long slowSendThresholdNanos() {
        return slowSendNanos;
    }

    @Override
    public void slowSend(InetSocketAddress peer, String path, long waitedNanos, long queuedBytes) {
        JfrEvents.slowSend(peer, path, waitedNanos, queuedBytes);
        if (listeners.length > 0) {
            ServerMetricsListener.SlowSend send = new ServerMetricsListener.SlowSend(peer, path, waitedNanos, queuedBytes);
            tell(l -> l.slowSend(send));
        }
    }

    // ------------------------------------------------------------------ event loops

    @Override
    public void stalled(String loop, long turnNanos, int connectionsHandled, int tasksRun, String slowest,
                        long slowestNanos) {
        log.loopStalled(loop, turnNanos, connectionsHandled, tasksRun, slowest, slowestNanos);
        JfrEvents.loopStall(loop, turnNanos, connectionsHandled, tasksRun, slowest, slowestNanos);
        if (listeners.length > 0) {
            ServerMetricsListener.LoopStall stall = new ServerMetricsListener.LoopStall(loop, turnNanos,
                    connectionsHandled, tasksRun, slowest, slowestNanos);
            tell(l -> l.loopStall(stall));
        }
    }

    /** The access log, or null when option access-log is off; for tests. */
    AccessLog accessLog() {
        return accessLog;
    }

    /** Tells every listener; one that throws is logged, and the others are told all the same. */
    private void tell(Consumer<ServerMetricsListener> call) {
        for (ServerMetricsListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "metrics listener " + l.getClass().getName() + " threw", e);
            }
        }
    }
}
