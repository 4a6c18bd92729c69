package io.wssocket.server;

import io.wssocket.spi.ClusterTransport;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Records this node's sessions in the cluster's presence table, off the threads that open and
 * close sessions (an event loop, a session's callback), on one daemon thread.
 *
 * <p>What waits is not a queue of changes but a set of session ids whose presence changed: when
 * the updater comes to a session it records the session's state at that moment (its path and
 * groups while it is open, nothing once closed) against what it recorded before. So a session's
 * changes coalesce into its latest state, and changes that undo each other before they are
 * recorded (a session that opens and closes, or joins and leaves a group, in the meantime) are
 * never recorded: the other nodes see neither the join nor the leave, and every join they do see
 * is followed by its leave. The set holds at most {@code bound} ids; a change that finds it full
 * is not queued but turns the next round into a re-sync of every session this node has recorded
 * or has open (logged once per overflow), so memory stays bounded whatever the churn and nothing
 * is lost. The bound is option {@code cluster-presence-pending-max}.
 *
 * <p>What it recorded is the transport's to keep: a transport that may lose it (a split of the
 * cluster, a node taken for gone) records it again itself (see {@link ClusterTransport#present}).
 */
final class PresenceUpdater {
    private static final System.Logger LOG = System.getLogger(PresenceUpdater.class.getName());
    private final int bound;
    /** A session's scopes now: empty once it has closed. */
    private final Function<String, Set<String>> presenceOf;
    /** The ids of this node's open sessions, for a re-sync. */
    private final Supplier<Set<String>> openSessions;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    /** Taken before an id enters {@link #pending}, given back after it left: never above the bound. */
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final AtomicInteger pendingHighWater = new AtomicInteger();
    private final AtomicBoolean resync = new AtomicBoolean();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong resyncs = new AtomicLong();
    /** What the transport holds of each session of this node; read and written on the updater's thread only. */
    private final Map<String, Set<String>> recorded = new HashMap<>();
    /** One thread, and at most one round waiting behind the one it runs ({@link #scheduled}). */
    private final ExecutorService thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "wssocket-cluster-presence");
                t.setDaemon(true);
                return t;
            });
    private volatile ClusterTransport transport;
    private volatile boolean stopping;

    PresenceUpdater(int bound, Function<String, Set<String>> presenceOf, Supplier<Set<String>> openSessions) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound " + bound + " < 1");
        }
        this.bound = bound;
        this.presenceOf = presenceOf;
        this.openSessions = openSessions;
    }

    /** Starts recording through {@code transport}, which has joined. */
    void start(ClusterTransport transport) {
        this.transport = transport;
        schedule();
    }

    /** The presence of session {@code sessionId} changed (after the change, so that it is read). */
    void changed(String sessionId) {
        if (!resync.get() && !pending.contains(sessionId)) {
            if (reserve()) {
                if (!pending.add(sessionId)) {
                    pendingCount.decrementAndGet(); // another thread marked it meanwhile
                }
            } else if (resync.compareAndSet(false, true)) {
                LOG.log(System.Logger.Level.WARNING, "presence changes of " + bound + " sessions wait to be recorded in "
                        + "the cluster (sessions open and close faster than the cluster engine records them; option "
                        + "cluster-presence-pending-max): this node's presence is re-synced from its open "
                        + "sessions instead");
            }
        }
        schedule();
    }

    /** Stops: what waits is not recorded (the transport's close removes this node's presence). */
    void stop() {
        stopping = true;
        thread.shutdown();
        try {
            if (!thread.awaitTermination(2, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    // ---- probes for tests ----

    int bound() {
        return bound;
    }

    /** The most ids that ever waited at once; never above {@link #bound()}. */
    int pendingHighWater() {
        return pendingHighWater.get();
    }

    /** Re-syncs run so far. */
    long resyncs() {
        return resyncs.get();
    }

    /** True when nothing waits and no round is scheduled or running. */
    boolean idle() {
        return pendingCount.get() == 0 && !resync.get() && !scheduled.get()
                && ((ThreadPoolExecutor) thread).getActiveCount() == 0;
    }

    /** True once {@link #stop} has ended the updater's thread. */
    boolean terminated() {
        return thread.isTerminated();
    }

    // ---- the updater's thread ----

    private boolean reserve() {
        while (true) {
            int count = pendingCount.get();
            if (count >= bound) {
                return false;
            }
            if (pendingCount.compareAndSet(count, count + 1)) {
                pendingHighWater.accumulateAndGet(count + 1, Math::max);
                return true;
            }
        }
    }

    private void schedule() {
        if (transport != null && !stopping && scheduled.compareAndSet(false, true)) {
            try {
                thread.execute(this::round);
            } catch (RejectedExecutionException e) {
                // stopping
            }
        }
    }

    private void round() {
        scheduled.set(false);
        if (resync.getAndSet(false)) {
            resyncs.incrementAndGet();
            // Read after the flag was reset: a change not queued while it was set is seen here.
            Set<String> sessions = new HashSet<>(recorded.keySet());
            sessions.addAll(openSessions.get());
            for (Iterator<String> ids = pending.iterator(); ids.hasNext(); ) {
                String id = ids.next();
                if (pending.remove(id)) {
                    pendingCount.decrementAndGet();
                    sessions.add(id);
                }
            }
            for (String id : sessions) {
                if (stopping) {
                    return;
                }
                record(id);
            }
        }
        for (Iterator<String> ids = pending.iterator(); ids.hasNext(); ) {
            if (stopping) {
                return;
            }
            String id = ids.next();
            if (pending.remove(id)) {
                pendingCount.decrementAndGet();
                record(id);
            }
        }
    }

    /**
     * Tells the transport the difference between what it was told of the session and its state
     * now. What the transport was told is the session's state from then on even when the engine
     * failed to record it at once: the transport keeps it, and records it when it can.
     */
    private void record(String sessionId) {
        Set<String> now = presenceOf.apply(sessionId);
        Set<String> had = recorded.getOrDefault(sessionId, Set.of());
        for (String scope : had) {
            if (!now.contains(scope)) {
                try {
                    transport.absent(scope, sessionId);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "cluster presence of session " + sessionId + " in " + scope
                            + " not removed yet", e);
                }
            }
        }
        for (String scope : now) {
            if (!had.contains(scope)) {
                try {
                    transport.present(scope, sessionId);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "cluster presence of session " + sessionId + " in " + scope
                            + " not recorded yet", e);
                }
            }
        }
        if (now.isEmpty()) {
            recorded.remove(sessionId);
        } else {
            recorded.put(sessionId, Set.copyOf(now));
        }
    }
}
