package io.wssocket.transport;

/**
 * Coarse deadlines for one event loop's connections: a hashed wheel with intrusive links, so a
 * connection costs no allocation to schedule and activity that only pushes a deadline later
 * costs nothing at all (the entry wakes early and is filed again).
 */
final class TimerWheel {
    private final long tickNanos;
    private final SocketConnection[] slots;
    private final int mask;
    private long processedTick;
    private int size;

    TimerWheel(long tickNanos, int slotCount, long now) {
        if (Integer.bitCount(slotCount) != 1) {
            throw new IllegalArgumentException("slotCount must be a power of two");
        }
        this.tickNanos = tickNanos;
        this.slots = new SocketConnection[slotCount];
        this.mask = slotCount - 1;
        this.processedTick = now / tickNanos;
    }

    /** Files the connection to fire at or shortly after {@code deadline}; 0 cancels. */
    void schedule(SocketConnection c, long deadline) {
        c.timerDeadline = deadline;
        if (deadline == 0) {
            unlink(c);
            return;
        }
        long tick = Math.max(ceilDiv(deadline, tickNanos), processedTick + 1);
        if (c.timerLinked && c.timerTick <= tick) {
            return; // fires earlier and is filed again then
        }
        unlink(c);
        link(c, tick);
    }

    void cancel(SocketConnection c) {
        c.timerDeadline = 0;
        unlink(c);
    }

    /** Nanoseconds until the next tick that has entries to look at, or -1 when the wheel is empty. */
    long nanosToNextTick(long now) {
        if (size == 0) {
            return -1;
        }
        return Math.max(0, (processedTick + 1) * tickNanos - now);
    }

    /** Fires every entry whose deadline has passed. */
    void expire(long now) {
        long nowTick = now / tickNanos;
        long first = processedTick + 1;
        long last = Math.min(nowTick, processedTick + slots.length);
        processedTick = nowTick;
        for (long t = first; t <= last && size > 0; t++) {
            expireSlot((int) (t & mask), nowTick, now);
        }
    }

    private void expireSlot(int slot, long nowTick, long now) {
        SocketConnection c = slots[slot];
        while (c != null) {
            SocketConnection next = c.timerNext;
            if (c.timerTick <= nowTick) {
                unlink(c);
                long deadline = c.timerDeadline;
                if (deadline != 0 && deadline - now <= 0) {
                    c.fireTimer(now);
                } else if (deadline != 0) {
                    link(c, Math.max(ceilDiv(deadline, tickNanos), nowTick + 1));
                }
            }
            c = next;
        }
    }

    private void link(SocketConnection c, long tick) {
        int slot = (int) (tick & mask);
        c.timerTick = tick;
        c.timerLinked = true;
        c.timerPrev = null;
        c.timerNext = slots[slot];
        if (slots[slot] != null) {
            slots[slot].timerPrev = c;
        }
        slots[slot] = c;
        size++;
    }

    private void unlink(SocketConnection c) {
        if (!c.timerLinked) {
            return;
        }
        int slot = (int) (c.timerTick & mask);
        if (c.timerPrev != null) {
            c.timerPrev.timerNext = c.timerNext;
        } else {
            slots[slot] = c.timerNext;
        }
        if (c.timerNext != null) {
            c.timerNext.timerPrev = c.timerPrev;
        }
        c.timerPrev = null;
        c.timerNext = null;
        c.timerLinked = false;
        size--;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
