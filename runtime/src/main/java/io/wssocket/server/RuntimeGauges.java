package io.wssocket.server;

import io.wssocket.spi.ServerGauges;
import io.wssocket.transport.EventLoopGroup;
import io.wssocket.transport.OutboundBudget;
import io.wssocket.transport.TlsHandshakes;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.IntSupplier;

/**
 * A server's {@link ServerGauges}, read from what it holds anyway: the loops' connection counts
 * and busy time, the outbound budget, the executors' pools, the TLS handshakes' counts. Nothing
 * here is counted for it; a read costs a few volatile loads (a pool's active count takes its lock).
 * Parts a server does not have (a hosted one has no loops, listener or TLS of its own) are null
 * and read as -1.
 */
final class RuntimeGauges implements ServerGauges {
    private final WsServerContainer container;
    private final IntSupplier openConnections;
    private final EventLoopGroup loops;
    private final OutboundBudget outbound;
    private final Executor callbacks;
    private final Executor handshakes;
    private final TlsHandshakes tls;

    /**
     * @param loops the event loops, or null
     * @param outbound the bytes queued on all connections, or null
     * @param callbacks runs endpoint code (a pool, or virtual threads)
     * @param handshakes runs handshakes, or null
     * @param tls the TLS handshakes, or null without TLS
     */
    RuntimeGauges(WsServerContainer container, IntSupplier openConnections, EventLoopGroup loops, OutboundBudget outbound,
                  Executor callbacks, Executor handshakes, TlsHandshakes tls) {
        this.container = container;
        this.openConnections = openConnections;
        this.loops = loops;
        this.outbound = outbound;
        this.callbacks = callbacks;
        this.handshakes = handshakes;
        this.tls = tls;
    }

    @Override
    public String endpointPath(String requestPath) {
        if (requestPath == null) {
            return null;
        }
        EndpointRegistry.Match match = container.registry().match(requestPath);
        return match == null ? null : match.route().path();
    }

    @Override
    public Traffic traffic(String endpointPath) {
        return container.trafficOf(endpointPath);
    }

    @Override
    public int openConnections() {
        return openConnections.getAsInt();
    }

    @Override
    public long queuedOutboundBytes() {
        return outbound == null ? -1 : outbound.used();
    }

    @Override
    public long maxOutboundBytes() {
        return outbound == null ? -1 : outbound.limit();
    }

    @Override
    public int eventLoops() {
        return loops == null ? -1 : loops.loops().size();
    }

    @Override
    public long eventLoopBusyNanos() {
        return loops == null ? -1 : loops.busyNanos();
    }

    @Override
    public int callbackThreads() {
        return callbacks instanceof ThreadPoolExecutor pool ? pool.getPoolSize() : -1;
    }

    @Override
    public int callbackThreadsActive() {
        return callbacks instanceof ThreadPoolExecutor pool ? pool.getActiveCount() : -1;
    }

    @Override
    public int callbackTasksQueued() {
        return callbacks instanceof ThreadPoolExecutor pool ? pool.getQueue().size() : -1;
    }

    @Override
    public int handshakesQueued() {
        return handshakes instanceof ThreadPoolExecutor pool ? pool.getQueue().size() : -1;
    }

    @Override
    public int tlsHandshakesInProgress() {
        return tls == null ? -1 : tls.inProgress();
    }

    @Override
    public long tlsHandshakesCompleted() {
        return tls == null ? -1 : tls.completed();
    }

    @Override
    public long tlsHandshakesFailed() {
        return tls == null ? -1 : tls.failed();
    }
}
