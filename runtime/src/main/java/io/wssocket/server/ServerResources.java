package io.wssocket.server;

import io.wssocket.protocol.Compression;
import io.wssocket.protocol.DeflateConfig;
import io.wssocket.protocol.SharedTextFrames;
import io.wssocket.spi.ServerGauges;
import io.wssocket.wire.ZlibPool;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * What all connections of one server share, whoever accepts them (the standalone listener or a
 * host): session ids, the operator's log, the shared text frames of broadcasts, and
 * permessage-deflate's pool with the two no-takeover {@link Compression}s every connection
 * without a context of its own uses; and what starts and stops with serving (the log's
 * housekeeping thread, the pool's memory).
 */
final class ServerResources {
    private static final System.Logger LOG = System.getLogger(ServerResources.class.getName());
    private static final int RECENT_REQUEST_URIS = 64;

    private final String sessionIdPrefix = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16) + "-";
    private final AtomicLong sessionCounter = new AtomicLong();
    /**
     * Request URIs seen lately, by hash: sessions opened by the same URI (the usual case: one host
     * name, one path) share one string. Read and written without a lock; a String is safe to
     * publish so, and a lost or stale slot only means a string not shared.
     */
    private final String[] recentRequestUris = new String[RECENT_REQUEST_URIS];
    private final OperatorLog operatorLog = new OperatorLog();
    /** Every event the server tells: the operator log, JFR, the access log, the MBeans, the metrics listeners. */
    private final ServerEvents events;
    private final SharedTextFrames sharedTextFrames = new SharedTextFrames();
    /** The deflaters and inflaters of permessage-deflate, borrowed per message by all connections. */
    private final ZlibPool deflatePool;
    /** Permessage-deflate without context takeover, shared by the connections that agreed to it. */
    private final Compression compressing;
    private final Compression notCompressing;
    /** Flushes the operator log's summaries once a second while the server serves; null before start. */
    private ScheduledExecutorService housekeeping;

    ServerResources(ServerConfig config) {
        DeflateConfig deflate = config.connection().deflate();
        this.deflatePool = new ZlibPool(deflate.level(), deflate.poolSize(),
                deflate.contextTakeover() ? deflate.contextMemory() : 0);
        this.compressing = new Compression(deflatePool, true, deflate.threshold());
        this.notCompressing = new Compression(deflatePool, false, deflate.threshold());
        this.events = new ServerEvents(config, operatorLog);
    }

    /**
     * The server starts serving: the operator log's summaries are flushed once a second from now
     * on, the access log is written, the MBean registered.
     *
     * @param name the server's name in its MBean's ObjectName
     * @param openConnections the connections open now
     * @param sessionsByPath the open sessions per endpoint path now
     * @param traffic the sessions' messages and bytes since start, open ones included
     */
    synchronized void start(String name, IntSupplier openConnections, Supplier<Map<String, Integer>> sessionsByPath,
                            Supplier<ServerGauges.Traffic> traffic) {
        events.start(name, openConnections, sessionsByPath, traffic);
        housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wssocket-housekeeping");
            t.setDaemon(true);
            return t;
        });
        housekeeping.scheduleWithFixedDelay(() -> operatorLog.flush(false), 1, 1, TimeUnit.SECONDS);
    }

    /** The server stopped: the housekeeping ends, pooled zlib memory is freed, the log's last summaries are written. */
    synchronized void stop() {
        if (housekeeping != null) {
            housekeeping.shutdownNow();
        }
        deflatePool.clear();
        operatorLog.flush(true);
        events.stop();
    }

    /** The housekeeping thread's scheduler, while the server serves (null before {@link #start}). */
    synchronized ScheduledExecutorService housekeeping() {
        return housekeeping;
    }

    /** What every session id of this server starts with; a number in hexadecimal follows ({@link #nextSessionNumber}). */
    String sessionIdPrefix() {
        return sessionIdPrefix;
    }

    /**
     * {@code requestUri}, or an equal string an earlier session of this server holds: an open
     * session keeps its request URI as text, and most sessions' texts are alike.
     */
    String sharedRequestUri(String requestUri) {
        int slot = requestUri.hashCode() & (RECENT_REQUEST_URIS - 1);
        String recent = recentRequestUris[slot];
        if (requestUri.equals(recent)) {
            return recent;
        }
        recentRequestUris[slot] = requestUri;
        return requestUri;
    }

    /** The number of the next session's id. */
    long nextSessionNumber() {
        return sessionCounter.incrementAndGet();
    }

    OperatorLog operatorLog() {
        return operatorLog;
    }

    ServerEvents events() {
        return events;
    }

    SharedTextFrames sharedTextFrames() {
        return sharedTextFrames;
    }

    ZlibPool deflatePool() {
        return deflatePool;
    }

    Compression perMessageCompression(boolean deflateOutbound) {
        return deflateOutbound ? compressing : notCompressing;
    }

    /** Starts the close handshake of every session of {@code container}; never waits for the peers. */
    static void closeSessions(WsServerContainer container, CloseReason reason) {
        for (Session session : sessions(container)) {
            close(session, reason);
        }
    }

    /** Starts the close handshake of {@code session}; never waits for the peer. */
    static void close(Session session, CloseReason reason) {
        try {
            session.close(reason); // writes the close frame; never waits for the peer
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing " + session, e);
        }
    }

    /** The open sessions of every endpoint of {@code container}, a snapshot. */
    static List<Session> sessions(WsServerContainer container) {
        List<Session> sessions = new ArrayList<>();
        for (EndpointRegistry.Route route : container.registry().routes()) {
            sessions.addAll(route.openSessions());
        }
        return sessions;
    }

    /** Open sessions per endpoint path of {@code container}, endpoints without any left out. */
    static Map<String, Integer> sessionsByPath(WsServerContainer container) {
        Map<String, Integer> counts = new TreeMap<>();
        for (EndpointRegistry.Route route : container.registry().routes()) {
            int open = route.openSessions().size();
            if (open > 0) {
                counts.merge(route.path(), open, Integer::sum);
            }
        }
        return counts;
    }

    /** Open sessions of every endpoint of {@code container}. */
    static int sessionCount(WsServerContainer container) {
        int count = 0;
        for (EndpointRegistry.Route route : container.registry().routes()) {
            count += route.openSessions().size();
        }
        return count;
    }
}
