package io.wssocket.wire;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A bounded, server-wide (or client-container-wide) pool of raw-deflate {@link Deflater}s and
 * {@link Inflater}s for permessage-deflate (RFC 7692) without context takeover: one is borrowed
 * for one message and returned, reset, after it, so that an idle connection holds none (a
 * Deflater costs about 256 KiB of native memory, an Inflater about 40 KiB). The pool keeps at
 * most {@code capacity} of each; one returned to a full pool is ended at once, so native memory
 * held by the pool stays bounded whatever the peak of concurrent messages was.
 *
 * <p>Connections that keep their compression context between messages (RFC 7692 §7.1.1, context
 * takeover) hold a deflater or inflater for their whole life; the memory they may hold together
 * is a budget of the pool's ({@link #reserveContext}), counted at what zlib allocates for a
 * 15-bit window at memory level 8. Thread-safe.
 */
public final class ZlibPool {
    /**
     * Native bytes of a deflater kept between messages: zlib's deflate takes
     * {@code (1 << (windowBits + 2)) + (1 << (memLevel + 9))} bytes (window 15 and the JDK's memory
     * level 8: 256 KiB) and a few KiB of state, counted as 12 KiB.
     */
    public static final long KEPT_DEFLATER_BYTES = (1L << 17) + (1L << 17) + 12 * 1024;
    /** Native bytes of an inflater kept between messages: its 32 KiB window and about 7 KiB of state (zlib's figure), counted as 8 KiB. */
    public static final long KEPT_INFLATER_BYTES = (1L << 15) + 8 * 1024;

    private final int level;
    private final int capacity;
    private final ConcurrentLinkedQueue<Deflater> deflaters = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Inflater> inflaters = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pooledDeflaters = new AtomicInteger();
    private final AtomicInteger pooledInflaters = new AtomicInteger();
    private final AtomicLong borrowed = new AtomicLong();
    private final AtomicLong returned = new AtomicLong();
    private final long contextBudget;
    private final AtomicLong contextInUse = new AtomicLong();

    /**
     * A pool without memory for context takeover.
     *
     * @param level the compression level (1-9)
     * @param capacity the most idle deflaters, and the most idle inflaters, kept
     */
    public ZlibPool(int level, int capacity) {
        this(level, capacity, 0);
    }

    /**
     * @param level the compression level (1-9)
     * @param capacity the most idle deflaters, and the most idle inflaters, kept
     * @param contextBudget bytes that deflaters and inflaters kept between messages may take together
     */
    public ZlibPool(int level, int capacity, long contextBudget) {
        if (level < Deflater.BEST_SPEED || level > Deflater.BEST_COMPRESSION) {
            throw new IllegalArgumentException("compression level must be 1 to 9, was " + level);
        }
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, was " + capacity);
        }
        if (contextBudget < 0) {
            throw new IllegalArgumentException("context budget must not be negative, was " + contextBudget);
        }
        this.level = level;
        this.capacity = capacity;
        this.contextBudget = contextBudget;
    }

    /**
     * The bytes a connection keeps between messages.
     *
     * @param deflater whether it keeps a deflater (its own context)
     * @param inflater whether it keeps an inflater (its peer's context)
     */
    public static long keptContextBytes(boolean deflater, boolean inflater) {
        return (deflater ? KEPT_DEFLATER_BYTES : 0) + (inflater ? KEPT_INFLATER_BYTES : 0);
    }

    /**
     * Takes {@code bytes} of the context budget for one connection, or nothing when they do not
     * fit. Give them back with {@link #releaseContext} when the connection ends.
     *
     * @return whether they were taken
     */
    public boolean reserveContext(long bytes) {
        while (true) {
            long used = contextInUse.get();
            if (used + bytes > contextBudget) {
                return false;
            }
            if (contextInUse.compareAndSet(used, used + bytes)) {
                return true;
            }
        }
    }

    /**
     * Counts {@code bytes} a connection must keep whatever the budget says (a client whose server
     * takes its context over must keep an inflater); later reservations see them.
     */
    public void forceReserveContext(long bytes) {
        contextInUse.addAndGet(bytes);
    }

    /** Gives back what {@link #reserveContext} or {@link #forceReserveContext} took. */
    public void releaseContext(long bytes) {
        contextInUse.addAndGet(-bytes);
    }

    /** Bytes of the context budget that connections hold now. */
    public long contextMemoryInUse() {
        return contextInUse.get();
    }

    /** A deflater for one message: pooled, or new when the pool is empty. Give it back with {@link #release(Deflater)}. */
    public Deflater borrowDeflater() {
        borrowed.incrementAndGet();
        Deflater d = deflaters.poll();
        if (d == null) {
            // RFC 7692 §7.2.1: raw DEFLATE, no zlib header (nowrap).
            return new Deflater(level, true);
        }
        pooledDeflaters.decrementAndGet();
        return d;
    }

    /** An inflater for one message: pooled, or new when the pool is empty. Give it back with {@link #release(Inflater)}. */
    public Inflater borrowInflater() {
        borrowed.incrementAndGet();
        Inflater i = inflaters.poll();
        if (i == null) {
            return new Inflater(true);
        }
        pooledInflaters.decrementAndGet();
        return i;
    }

    /** Resets {@code d} and keeps it, or ends it when the pool is full. */
    public void release(Deflater d) {
        d.reset();
        keepOrEnd(d, deflaters, pooledDeflaters, Deflater::end);
    }

    /** Resets {@code i} and keeps it, or ends it when the pool is full. */
    public void release(Inflater i) {
        i.reset();
        keepOrEnd(i, inflaters, pooledInflaters, Inflater::end);
    }

    private <T> void keepOrEnd(T item, Queue<T> idle, AtomicInteger idleCount, Consumer<T> end) {
        returned.incrementAndGet();
        if (idleCount.incrementAndGet() <= capacity) {
            idle.offer(item);
        } else {
            idleCount.decrementAndGet();
            end.accept(item);
        }
    }

    /** Deflaters and inflaters borrowed and not yet released: what connections hold right now. */
    public long outstanding() {
        return borrowed.get() - returned.get();
    }

    /** Deflaters and inflaters borrowed so far. */
    public long borrowCount() {
        return borrowed.get();
    }

    /** Idle deflaters plus idle inflaters the pool holds; at most twice the capacity. */
    public int pooled() {
        return pooledDeflaters.get() + pooledInflaters.get();
    }

    /** Ends every pooled deflater and inflater (the server or container stops). */
    public void clear() {
        for (Deflater d; (d = deflaters.poll()) != null; ) {
            pooledDeflaters.decrementAndGet();
            d.end();
        }
        for (Inflater i; (i = inflaters.poll()) != null; ) {
            pooledInflaters.decrementAndGet();
            i.end();
        }
    }
}
