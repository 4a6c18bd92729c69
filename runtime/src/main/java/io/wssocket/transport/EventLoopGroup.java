package io.wssocket.transport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The event loops of a server or client; new connections go to them in turn. */
public final class EventLoopGroup implements AutoCloseable {
    private final List<EventLoop> loops;
    private final AtomicInteger next = new AtomicInteger();

    /** Loops whose connections answer to no outbound budget but their own queue limits. */
    public EventLoopGroup(String namePrefix, TransportConfig config) {
        this(namePrefix, config, OutboundBudget.unlimited());
    }

    /** @param outboundBudget the bytes all connections of these loops may queue together */
    public EventLoopGroup(String namePrefix, TransportConfig config, OutboundBudget outboundBudget) {
        List<EventLoop> list = new ArrayList<>(config.eventLoops());
        for (int i = 0; i < config.eventLoops(); i++) {
            EventLoop loop = new EventLoop(namePrefix + "-" + i, config, outboundBudget);
            list.add(loop);
        }
        this.loops = Collections.unmodifiableList(list);
        loops.forEach(EventLoop::start);
    }

    public EventLoop next() {
        return loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
    }

    public List<EventLoop> loops() {
        return loops;
    }

    public int connectionCount() {
        int sum = 0;
        for (EventLoop loop : loops) {
            sum += loop.connectionCount();
        }
        return sum;
    }

    /** Tells every loop to stop, closing what is still open, without waiting: safe on a loop thread. */
    public void stop() {
        loops.forEach(EventLoop::stop);
    }

    /** Stops every loop, closing what is still open, and waits up to the timeout for them. */
    public boolean shutdown(long timeout, TimeUnit unit) throws InterruptedException {
        stop();
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        boolean all = true;
        for (EventLoop loop : loops) {
            all &= loop.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        return all;
    }

    @Override
    public void close() throws InterruptedException {
        shutdown(5, TimeUnit.SECONDS);
    }
}
