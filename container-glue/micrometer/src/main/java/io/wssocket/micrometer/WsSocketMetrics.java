package io.wssocket.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.wssocket.spi.ServerGauges;
import io.wssocket.spi.ServerMetricsListener;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

/**
 * Records a WS Socket server's events and live values into a Micrometer {@link MeterRegistry}:
 * connections and sessions open, handshakes by outcome and status with their durations, messages
 * and bytes per endpoint, closes by code and initiator, slow sends, limits hit, event-loop stalls
 * and busy time, queued bytes, the callback pool, the handshake queue and TLS handshakes. Every
 * meter's name begins with {@code wssocket.}; docs/operations.md lists them with their tags.
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.builder().port(8080)
 *         .metricsListener(WsSocketMetrics.bindTo(registry))
 *         .build();
 * }</pre>
 *
 * <p>Tags are bounded whatever clients send: {@code path} is an endpoint's template
 * ({@code /rooms/{room}}), never a request's path; a request for no endpoint is {@code UNMATCHED},
 * one refused before its path was read {@code NONE}; client-chosen close codes 3000-4999 are
 * grouped ({@code 3xxx}, {@code 4xxx}); and every tag keeps at most {@value #MAX_TAG_VALUES}
 * values, later ones recorded as {@code OTHER}.
 *
 * <p>One instance per server: its gauges read that server. Two servers recording into one registry
 * need a tag that tells them apart ({@link #bindTo(MeterRegistry, Iterable)} with, say,
 * {@code server=chat}); without it the second server's gauges are not registered (Micrometer keeps
 * the first gauge of a name and tags).
 */
public final class WsSocketMetrics implements ServerMetricsListener {
    /** Distinct values a tag may take before new ones are recorded as {@code OTHER}. */
    static final int MAX_TAG_VALUES = 64;
    /** The path tag of a request for no endpoint (a 404, a scan, an attack). */
    static final String UNMATCHED = "UNMATCHED";
    /** The path tag of a refusal before the request's path was read (max-connections, a per-address limit). */
    static final String NONE = "NONE";

    private final MeterRegistry registry;
    private final Tags common;
    private final TagValues paths = new TagValues(MAX_TAG_VALUES);
    private final TagValues statuses = new TagValues(MAX_TAG_VALUES);
    private final TagValues closeCodes = new TagValues(MAX_TAG_VALUES);
    private final TagValues limits = new TagValues(MAX_TAG_VALUES);
    /** The meters of each endpoint path, made at its first event. */
    private final Map<String, PathMeters> byPath = new ConcurrentHashMap<>();
    /** The gauges that read the server, registered at its start and removed at its stop. */
    private final List<Meter> serverMeters = new CopyOnWriteArrayList<>();
    private final Timer loopStalls;
    private volatile ServerGauges gauges;
    /** An endpoint's traffic before its first session (or the server's start): nothing yet. */
    private static final ServerGauges.Traffic NO_TRAFFIC = new ServerGauges.Traffic(0, 0, 0, 0);
    /** What goes with the server (the JVM meters' listeners of a registry made for it). */
    private final List<AutoCloseable> closedAtStop = new CopyOnWriteArrayList<>();

    private WsSocketMetrics(MeterRegistry registry, Iterable<io.micrometer.core.instrument.Tag> tags) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.common = Tags.of(tags);
        this.loopStalls = Timer.builder("wssocket.eventloop.stalls")
                .description("Event-loop turns longer than loop-stall-threshold: every connection of that loop waited")
                .tags(common).register(registry);
    }

    /**
     * Records into Micrometer's global registry ({@link Metrics#globalRegistry}), for a server
     * whose application adds its registries there.
     */
    public WsSocketMetrics() {
        this(Metrics.globalRegistry, Tags.empty());
    }

    /**
     * A listener that records into {@code registry}; give it to
     * {@code ServerConfig.Builder.metricsListener}.
     *
     * @param registry where the meters go
     * @return the listener, for one server
     */
    public static WsSocketMetrics bindTo(MeterRegistry registry) {
        return new WsSocketMetrics(registry, Tags.empty());
    }

    /**
     * A listener that records into {@code registry}, every meter with {@code tags} too (to tell
     * servers that share a registry apart).
     *
     * @param registry where the meters go
     * @param tags added to every meter
     * @return the listener, for one server
     */
    public static WsSocketMetrics bindTo(MeterRegistry registry, Iterable<io.micrometer.core.instrument.Tag> tags) {
        return new WsSocketMetrics(registry, tags);
    }

    /** {@code resource} is closed when the server stops. */
    void closeAtStop(AutoCloseable resource) {
        closedAtStop.add(resource);
    }

    // ------------------------------------------------------------------ the server's live values

    @Override
    public void serverStarted(ServerGauges gauges) {
        this.gauges = gauges;
        gauge("wssocket.connections.open", "Open connections: WebSocket sessions and handshakes in progress", null,
                gauges, g -> g.openConnections());
        gauge("wssocket.outbound.queued", "Bytes queued for sending on all connections, waiting for peers to read",
                "bytes", gauges, g -> g.queuedOutboundBytes());
        gauge("wssocket.outbound.max", "Option max-outbound-bytes: the bound on wssocket.outbound.queued", "bytes",
                gauges, g -> g.maxOutboundBytes());
        gauge("wssocket.eventloops", "Event loops serving", null, gauges, g -> g.eventLoops());
        if (gauges.eventLoopBusyNanos() >= 0) {
            serverMeters.add(FunctionCounter.builder("wssocket.eventloop.busy", gauges,
                            g -> Math.max(0, g.eventLoopBusyNanos()) / 1e9)
                    .description("Time the event loops were busy, all loops added up: its rate divided by "
                            + "wssocket.eventloops is their utilisation")
                    .baseUnit("seconds").tags(common).register(registry));
        }
        gauge("wssocket.callbacks.threads", "Threads of the pool that runs endpoint code", null,
                gauges, g -> g.callbackThreads());
        gauge("wssocket.callbacks.active", "Threads of the endpoint-code pool running a task", null,
                gauges, g -> g.callbackThreadsActive());
        gauge("wssocket.callbacks.queued", "Endpoint-code tasks waiting for a thread", null,
                gauges, g -> g.callbackTasksQueued());
        gauge("wssocket.handshakes.queued", "Handshakes waiting for a handshake thread (bounded by handshake-queue)",
                null, gauges, g -> g.handshakesQueued());
        gauge("wssocket.tls.handshakes.active", "TLS handshakes in progress (bounded by max-tls-handshakes)", null,
                gauges, g -> g.tlsHandshakesInProgress());
        if (gauges.tlsHandshakesCompleted() >= 0) {
            tlsCounter(gauges, "completed", g -> g.tlsHandshakesCompleted());
            tlsCounter(gauges, "failed", g -> g.tlsHandshakesFailed());
        }
    }

    /** A gauge of the server's, when the server has the value (not -1). */
    private void gauge(String name, String description, String unit, ServerGauges from, ToDoubleFunction<ServerGauges> value) {
        if (value.applyAsDouble(from) < 0) {
            return;
        }
        serverMeters.add(Gauge.builder(name, from, value).description(description).baseUnit(unit).tags(common)
                .strongReference(true).register(registry));
    }

    private void tlsCounter(ServerGauges from, String outcome, ToDoubleFunction<ServerGauges> value) {
        serverMeters.add(FunctionCounter.builder("wssocket.tls.handshakes", from, value)
                .description("TLS handshakes ended: completed, or failed (the connection closed first)")
                .tags(common).tag("outcome", outcome).register(registry));
    }

    @Override
    public void serverStopped() {
        for (Meter meter : serverMeters) {
            registry.remove(meter);
        }
        serverMeters.clear();
        for (PathMeters meters : byPath.values()) {
            registry.remove(meters.openGauge);
        }
        gauges = null;
        for (AutoCloseable resource : closedAtStop) {
            try {
                resource.close();
            } catch (Exception e) {
                System.getLogger(WsSocketMetrics.class.getName()).log(System.Logger.Level.DEBUG, "closing " + resource, e);
            }
        }
    }

    // ------------------------------------------------------------------ events

    @Override
    public void handshake(Handshake handshake) {
        boolean accepted = handshake.status() == 101;
        String path = accepted ? endpointPathTag(handshake.path()) : requestPathTag(handshake.path());
        Timer.builder("wssocket.handshakes")
                .description("Handshakes answered, by endpoint, outcome and HTTP status, timed from accept to answer")
                .tags(common).tag("path", path).tag("outcome", accepted ? "accepted" : "refused")
                .tag("status", statuses.of(Integer.toString(handshake.status())))
                .register(registry).record(handshake.durationNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void sessionOpened(SessionOpened opened) {
        meters(endpointPathTag(opened.path())).open.incrementAndGet();
    }

    @Override
    public void sessionClosed(SessionClosed closed) {
        String path = endpointPathTag(closed.path());
        PathMeters meters = meters(path);
        meters.open.decrementAndGet();
        meters.duration.record(closed.durationNanos(), TimeUnit.NANOSECONDS);
        Counter.builder("wssocket.sessions.closed")
                .description("Sessions closed, by endpoint, close code and who began the close")
                .tags(common).tag("path", path)
                .tag("code", closeCodes.of(TagValues.closeCode(closed.closeCode(), closed.initiator())))
                .tag("initiator", closed.initiator().name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
    }

    @Override
    public void slowSend(SlowSend send) {
        meters(endpointPathTag(send.path())).slowSends.record(send.waitedNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void limitHit(LimitHit limit) {
        Counter.builder("wssocket.limits.hit")
                .description("Connections closed or handshakes refused by a limit, by the option that names it")
                .tags(common).tag("limit", limits.of(limit.limit())).tag("path", requestPathTag(limit.path()))
                .register(registry).increment();
    }

    @Override
    public void loopStall(LoopStall stall) {
        loopStalls.record(stall.durationNanos(), TimeUnit.NANOSECONDS);
    }

    // ------------------------------------------------------------------ tags

    /** An endpoint's template, as the server tells it with a session: bounded by the endpoints deployed. */
    private String endpointPathTag(String template) {
        return template == null ? NONE : paths.of(template);
    }

    /**
     * A path a client may have chosen (a refused handshake's, a limit's): the template of the
     * endpoint that serves it, else {@link #UNMATCHED}; never the path itself.
     */
    private String requestPathTag(String requestPath) {
        if (requestPath == null) {
            return NONE;
        }
        if (byPath.containsKey(requestPath)) {
            return requestPath; // a template seen with a session already
        }
        ServerGauges server = gauges;
        String template = server == null ? null : server.endpointPath(requestPath);
        return template == null ? UNMATCHED : paths.of(template);
    }

    private PathMeters meters(String path) {
        PathMeters meters = byPath.get(path);
        return meters != null ? meters
                : byPath.computeIfAbsent(path, p -> new PathMeters(registry, common.and("path", p), this, p));
    }

    /**
     * The server's traffic totals of an endpoint, as its gauges tell them (zero before the server
     * started or before the endpoint's first session): messages and bytes of open sessions too.
     */
    private ServerGauges.Traffic traffic(String path) {
        ServerGauges server = gauges;
        ServerGauges.Traffic traffic = server == null ? null : server.traffic(path);
        return traffic == null ? NO_TRAFFIC : traffic;
    }

    /** What is counted per endpoint path; made once per path, so an event costs no registry look-up. */
    private static final class PathMeters {
        final AtomicInteger open = new AtomicInteger();
        final Gauge openGauge;
        final FunctionCounter messagesIn;
        final FunctionCounter messagesOut;
        final FunctionCounter bytesIn;
        final FunctionCounter bytesOut;
        final Timer duration;
        final Timer slowSends;

        /** The message and byte counters read the server's running totals for {@code path} when scraped. */
        PathMeters(MeterRegistry registry, Tags tags, WsSocketMetrics metrics, String path) {
            openGauge = Gauge.builder("wssocket.sessions.open", open, AtomicInteger::get)
                    .description("Sessions open, by endpoint").tags(tags).strongReference(true).register(registry);
            messagesIn = FunctionCounter.builder("wssocket.messages", metrics, m -> m.traffic(path).messagesIn())
                    .description("Whole messages, by endpoint and direction, open sessions' included")
                    .tags(tags).tag("direction", "in").register(registry);
            messagesOut = FunctionCounter.builder("wssocket.messages", metrics, m -> m.traffic(path).messagesOut())
                    .tags(tags).tag("direction", "out").register(registry);
            bytesIn = FunctionCounter.builder("wssocket.bytes", metrics, m -> m.traffic(path).bytesIn())
                    .description("Frame bytes after the handshake, by endpoint and direction, open sessions' included")
                    .baseUnit("bytes").tags(tags).tag("direction", "in").register(registry);
            bytesOut = FunctionCounter.builder("wssocket.bytes", metrics, m -> m.traffic(path).bytesOut())
                    .baseUnit("bytes").tags(tags).tag("direction", "out").register(registry);
            duration = Timer.builder("wssocket.sessions.duration").description("How long sessions were open, by endpoint")
                    .tags(tags).register(registry);
            slowSends = Timer.builder("wssocket.sends.slow").description("Sends that waited longer than "
                    + "slow-send-threshold for a peer that does not read, by endpoint").tags(tags).register(registry);
        }
    }
}
