package io.wssocket.transport;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bytes queued for sending on all connections of one server together (option
 * max-outbound-bytes). Each connection's queue is bounded on its own (max-queued-bytes), but
 * hundreds of peers that stop reading can each fill theirs: a broadcast to them then holds a copy
 * per peer until the heap and the collector give out, and the peers that do read suffer first.
 *
 * <p>When a write takes the total past the limit, the connections with the most bytes queued are
 * dropped as slow consumers, largest first, until the total is back within it: the peers that
 * read keep their connections. Only connections with more queued than their low water mark are
 * candidates; a connection registers itself when it crosses that mark, so finding the largest
 * scans those few, never every connection, and a connection that keeps up is never dropped.
 *
 * <p>One per server, shared by its event loops; nothing is static, so servers in one JVM are apart.
 */
public final class OutboundBudget {
    private final long limit;
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    /** Connections above their low water mark. */
    private final Set<SocketConnection> heavy = ConcurrentHashMap.newKeySet();
    /** One thread drops connections at a time; others leave the work to it. */
    private final ReentrantLock shedding = new ReentrantLock();

    public OutboundBudget(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the outbound budget must be at least 1 byte, not " + limit);
        }
        this.limit = limit;
    }

    /** A budget that never drops anyone: for loops whose owner sets no limit (the JVM's shared client loops). */
    public static OutboundBudget unlimited() {
        return new OutboundBudget(Long.MAX_VALUE);
    }

    public long limit() {
        return limit;
    }

    /** Bytes queued on all connections now. */
    public long used() {
        return used.get();
    }

    /** The most bytes queued at any one time, for tests and diagnostics. */
    public long peak() {
        return peak.get();
    }

    /** Connections queued above their low water mark now. */
    public int heavyConnections() {
        return heavy.size();
    }

    /** A connection's queue grew or shrank by {@code delta} bytes. */
    void add(long delta) {
        long now = used.addAndGet(delta);
        if (delta > 0) {
            long seen = peak.get();
            while (now > seen && !peak.compareAndSet(seen, now)) {
                seen = peak.get();
            }
        }
    }

    void heavy(SocketConnection connection, boolean heavy) {
        if (heavy) {
            this.heavy.add(connection);
        } else {
            this.heavy.remove(connection);
        }
    }

    boolean exceeded() {
        return used.get() > limit;
    }

    /**
     * Drops the connections with the most queued, largest first, until the total is within the
     * limit or no connection above its low water mark is left. Call holding no connection's lock.
     */
    void shed() {
        while (exceeded() && shedding.tryLock()) {
            try {
                SocketConnection largest = largest();
                if (largest == null) {
                    return;
                }
                largest.dropOverBudget(limit);
            } finally {
                shedding.unlock();
            }
        }
    }

    private SocketConnection largest() {
        SocketConnection largest = null;
        long most = -1;
        for (SocketConnection c : heavy) {
            long queued = c.queuedBytes();
            if (queued > most) {
                most = queued;
                largest = c;
            }
        }
        return largest;
    }

    @Override
    public String toString() {
        return "OutboundBudget[" + used.get() + " of " + limit + " bytes, " + heavy.size() + " connections above low water]";
    }
}
