package io.wssocket.server;

import io.wssocket.spi.ServerMetricsListener;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The core counters the MBeans show, counted from the server's events: handshakes by status,
 * sessions opened and closed, close codes, limit hits, slow sends and loop stalls. Nothing is
 * counted per frame (the sessions' messages and bytes are the endpoints' traffic counters).
 */
final class ServerCounters implements ServerMetricsListener {
    private final Map<Integer, LongAdder> handshakes = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> closeCodes = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> limits = new ConcurrentHashMap<>();
    private final LongAdder sessionsOpened = new LongAdder();
    private final LongAdder sessionsClosed = new LongAdder();
    private final LongAdder slowSends = new LongAdder();
    private final LongAdder loopStalls = new LongAdder();

    @Override
    public void handshake(Handshake handshake) {
        handshakes.computeIfAbsent(handshake.status(), k -> new LongAdder()).increment();
    }

    @Override
    public void sessionOpened(SessionOpened opened) {
        sessionsOpened.increment();
    }

    @Override
    public void sessionClosed(SessionClosed closed) {
        sessionsClosed.increment();
        closeCodes.computeIfAbsent(closed.closeCode(), k -> new LongAdder()).increment();
    }

    @Override
    public void slowSend(SlowSend send) {
        slowSends.increment();
    }

    @Override
    public void limitHit(LimitHit limit) {
        limits.computeIfAbsent(limit.limit(), k -> new LongAdder()).increment();
    }

    @Override
    public void loopStall(LoopStall stall) {
        loopStalls.increment();
    }

    Map<String, Long> handshakesByStatus() {
        return snapshot(handshakes);
    }

    Map<String, Long> closeCodes() {
        return snapshot(closeCodes);
    }

    Map<String, Long> rejectionsByLimit() {
        return snapshot(limits);
    }

    long sessionsOpened() {
        return sessionsOpened.sum();
    }

    long sessionsClosed() {
        return sessionsClosed.sum();
    }





    long slowSends() {
        return slowSends.sum();
    }

    long loopStalls() {
        return loopStalls.sum();
    }

    private static Map<String, Long> snapshot(Map<?, LongAdder> counts) {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(String.valueOf(k), v.sum()));
        return copy;
    }
}
