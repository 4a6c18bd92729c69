package io.wssocket.session;

import io.wssocket.message.GatheringBudget;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of inbound messages that all sessions of one container (one server) hold together:
 * messages being gathered from their frames, and whole messages waiting for endpoint code
 * (option max-inbound-bytes). Per-session limits bound what one peer can make the server hold;
 * this bounds what many peers can, so that together they cannot exhaust the heap.
 *
 * <p>Two kinds of bytes are counted differently. A message being gathered is not yet complete, and
 * waiting for room would hold its bytes while blocking others: its next piece is either within the
 * budget or its connection fails ({@link #tryReserve}). Bytes of a whole message have been read
 * already; they are always counted, and a session whose message took the total past the limit
 * stops reading until the total is down to half the limit ({@link #reserve}, {@link #whenWithin}).
 * Every reservation is released exactly once: when the message is handled, dropped, or its
 * connection closes.
 */
public final class InboundBudget implements GatheringBudget {
    private final long limit;
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    /** What to run once the total is within the limit again: sessions that stopped reading for it. */
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    public InboundBudget(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the inbound budget must be at least 1 byte, not " + limit);
        }
        this.limit = limit;
    }

    @Override
    public long limit() {
        return limit;
    }

    /** Bytes counted now. */
    public long used() {
        return used.get();
    }

    /** The most bytes counted at any one time, for tests and diagnostics. */
    public long peak() {
        return peak.get();
    }

    /** Counts {@code bytes} of a message being gathered if the total stays within the limit; false (nothing counted) if not. */
    @Override
    public boolean tryReserve(long bytes) {
        long now;
        do {
            long before = used.get();
            now = before + bytes;
            if (now > limit) {
                return false;
            }
            if (used.compareAndSet(before, now)) {
                break;
            }
        } while (true);
        notePeak(now);
        return true;
    }

    /** Counts {@code bytes} that have been read already; returns whether the total is still within the limit. */
    boolean reserve(long bytes) {
        long now = used.addAndGet(bytes);
        notePeak(now);
        return now <= limit;
    }

    @Override
    public void release(long bytes) {
        if (bytes == 0) {
            return;
        }
        long now = used.addAndGet(-bytes);
        if (now <= resumeBelow() && !waiting.isEmpty()) {
            wakeWaiting();
        }
    }

    /**
     * Runs {@code resume} once the total is down to half the limit: at once if it is now, else on
     * the releasing thread. Half, not just within: a session that resumes reads up to a buffer of
     * messages at once, and a message it finds cut at the end of that read is gathered, which must
     * fit (sessions resuming at the limit would cross it again at once and fail such messages).
     */
    void whenWithin(Runnable resume) {
        waiting.add(resume);
        // A release between the caller's reservation and the line above saw no one waiting: look again.
        if (used.get() <= resumeBelow()) {
            wakeWaiting();
        }
    }

    private long resumeBelow() {
        return limit / 2;
    }

    private void wakeWaiting() {
        Runnable resume;
        while ((resume = waiting.poll()) != null) {
            resume.run();
        }
    }

    private void notePeak(long now) {
        long seen = peak.get();
        while (now > seen && !peak.compareAndSet(seen, now)) {
            seen = peak.get();
        }
    }

    @Override
    public String toString() {
        return "InboundBudget[" + used.get() + " of " + limit + " bytes]";
    }
}
