package io.wssocket.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The event loops of a server or client; new connections go to them in turn. A loop that fails
 * (an error escaped it, see {@link EventLoop}) is replaced by a fresh one in the same slot, so the
 * group never hands a connection to a dead loop: it recovers rather than stops, because one
 * failed loop says little about the others, and a server that keeps its port open while a share
 * of its new connections hang is worse than one that lost some connections.
 */
public final class EventLoopGroup implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EventLoopGroup.class.getName());

    private final String namePrefix;
    private final TransportConfig config;
    private final int maxPendingRegistrations;
    private final TlsHandshakes tlsHandshakes;
    /** Shared by every loop of the group, replacements included. */
    private final OutboundBudget outboundBudget;
    private final LoopEvents events;
    private final AtomicReferenceArray<EventLoop> slots;
    /** Loops made for each slot so far, for the names of replacements. */
    private final AtomicInteger[] generations;
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean stopped;

    /** Loops whose connections answer to no outbound budget but their own queue limits. */
    public EventLoopGroup(String namePrefix, TransportConfig config) {
        this(namePrefix, config, null, OutboundBudget.unlimited());
    }

    /** @param outboundBudget the bytes all connections of these loops may queue together */
    public EventLoopGroup(String namePrefix, TransportConfig config, OutboundBudget outboundBudget) {
        this(namePrefix, config, null, outboundBudget);
    }

    /**
     * @param tlsHandshakes where the TLS handshakes of the group's connections run their tasks; null: on the loops
     * @param outboundBudget the bytes all connections of these loops may queue together
     */
    public EventLoopGroup(String namePrefix, TransportConfig config, TlsHandshakes tlsHandshakes,
                          OutboundBudget outboundBudget) {
        this(namePrefix, config, tlsHandshakes, outboundBudget, EventLoop.DEFAULT_MAX_PENDING_REGISTRATIONS);
    }

    EventLoopGroup(String namePrefix, TransportConfig config, TlsHandshakes tlsHandshakes, OutboundBudget outboundBudget,
                   int maxPendingRegistrations) {
        this(namePrefix, config, tlsHandshakes, outboundBudget, maxPendingRegistrations, null, 0);
    }

    /**
     * @param tlsHandshakes where the TLS handshakes of the group's connections run their tasks; null: on the loops
     * @param outboundBudget the bytes all connections of these loops may queue together
     * @param stallListener told of loop turns longer than {@code stallThresholdNanos}; null: turns are not timed
     * @param stallThresholdNanos the longest turn not told as a stall
     */
    public EventLoopGroup(String namePrefix, TransportConfig config, TlsHandshakes tlsHandshakes,
                          OutboundBudget outboundBudget, LoopStallListener stallListener, long stallThresholdNanos) {
        this(namePrefix, config, tlsHandshakes, outboundBudget, EventLoop.DEFAULT_MAX_PENDING_REGISTRATIONS,
                stallListener, stallThresholdNanos);
    }

    private EventLoopGroup(String namePrefix, TransportConfig config, TlsHandshakes tlsHandshakes,
                           OutboundBudget outboundBudget, int maxPendingRegistrations, LoopStallListener stallListener,
                           long stallThresholdNanos) {
        this.events = new LoopEvents(stallListener, stallThresholdNanos);
        this.namePrefix = namePrefix;
        this.config = config;
        this.tlsHandshakes = tlsHandshakes;
        this.outboundBudget = outboundBudget;
        this.maxPendingRegistrations = maxPendingRegistrations;
        this.slots = new AtomicReferenceArray<>(config.eventLoops());
        this.generations = new AtomicInteger[config.eventLoops()];
        for (int i = 0; i < config.eventLoops(); i++) {
            generations[i] = new AtomicInteger();
            slots.set(i, newLoop(i));
        }
        for (int i = 0; i < slots.length(); i++) {
            slots.get(i).start();
        }
    }

    private EventLoop newLoop(int slot) {
        int generation = generations[slot].getAndIncrement();
        String name = namePrefix + "-" + slot + (generation == 0 ? "" : "." + generation);
        return new EventLoop(name, config, maxPendingRegistrations, events, this::replace, tlsHandshakes, outboundBudget);
    }

    /** The next loop in turn that is running; if none is (all are being replaced), the next in turn. */
    public EventLoop next() {
        int start = next.getAndIncrement();
        EventLoop first = null;
        for (int i = 0; i < slots.length(); i++) {
            EventLoop loop = slots.get(Math.floorMod(start + i, slots.length()));
            if (loop.isRunning()) {
                return loop;
            }
            first = first == null ? loop : first;
        }
        return first; // it refuses the socket: closing it beats a connection that hangs
    }

    /** The loops serving now. */
    public List<EventLoop> loops() {
        List<EventLoop> list = new ArrayList<>(slots.length());
        for (int i = 0; i < slots.length(); i++) {
            list.add(slots.get(i));
        }
        return List.copyOf(list);
    }

    /** Where the group's TLS handshakes run their tasks, or null. */
    public TlsHandshakes tlsHandshakes() {
        return tlsHandshakes;
    }

    public int connectionCount() {
        int sum = 0;
        for (int i = 0; i < slots.length(); i++) {
            sum += slots.get(i).connectionCount();
        }
        return sum;
    }

    /**
     * How long the loops serving now have been busy, added up: rate of growth over wall time is
     * their utilisation. A replaced loop's time goes with it.
     *
     * @return the nanoseconds, or -1 when turns are not timed (no stall listener)
     */
    public long busyNanos() {
        long sum = 0;
        for (int i = 0; i < slots.length(); i++) {
            long busy = slots.get(i).busyNanos();
            if (busy < 0) {
                return -1;
            }
            sum += busy;
        }
        return sum;
    }

    /** On the failed loop's thread: a fresh loop takes its slot, unless the group is stopping. */
    private void replace(EventLoop failed) {
        for (int i = 0; i < slots.length(); i++) {
            if (slots.get(i) == failed) {
                if (stopped) {
                    return;
                }
                EventLoop fresh = newLoop(i);
                if (slots.compareAndSet(i, failed, fresh)) {
                    fresh.start();
                    LOG.log(System.Logger.Level.INFO, fresh.name() + " replaces " + failed.name());
                    if (stopped) {
                        fresh.stop(); // stop() ran between our check and the swap and did not see it
                    }
                }
                return;
            }
        }
    }

    /** Tells every loop to stop, closing what is still open, without waiting: safe on a loop thread. */
    public void stop() {
        stopped = true;
        for (int i = 0; i < slots.length(); i++) {
            slots.get(i).stop();
        }
        if (tlsHandshakes != null) {
            tlsHandshakes.shutdown();
        }
    }

    /** Stops every loop, closing what is still open, and waits up to the timeout for them. */
    public boolean shutdown(long timeout, TimeUnit unit) throws InterruptedException {
        stop();
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        boolean all = true;
        for (int i = 0; i < slots.length(); i++) {
            all &= slots.get(i).awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        return all;
    }

    @Override
    public void close() {
        try {
            shutdown(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the caller's interrupt stays visible; the loops were told to stop
        }
    }
}
