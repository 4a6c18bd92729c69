package io.wssocket.hazelcast;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Drops a message the ring buffer holds twice. When the member that holds the ring buffer dies
 * after writing a message (and its backup) but before answering, Hazelcast retries the write on
 * the member that takes over, and the message is stored again; every node would deliver it twice.
 * Each node numbers what it publishes; this filter remembers, for each publishing node, the
 * numbers it saw among the last {@value #WINDOW} and lets a number through once.
 *
 * <p>A repeat follows its first copy closely: while the ring buffer's owner is being replaced no
 * write from any node completes, so a repeat is at most the node's concurrent publishes behind
 * the newest number seen. A number further behind than the window is let through (it cannot be
 * told from a late first copy, and losing a message is worse than a repeat). Memory is bounded:
 * {@value #WINDOW} bits for each of at most {@value #MAX_PUBLISHERS} publishing nodes, the one
 * heard from least recently forgotten first. Used by one thread at a time (the topic's listener).
 */
final class RepeatFilter {
    static final int WINDOW = 4096;
    static final int MAX_PUBLISHERS = 256;

    private final Map<UUID, Seen> publishers = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Seen> eldest) {
            return size() > MAX_PUBLISHERS;
        }
    };

    /**
     * Whether message {@code number} of {@code publisher} is seen for the first time (and notes it).
     *
     * @param publisher the publishing node
     * @param number the node's number for the message, from 0 up
     * @return false for a repeat
     */
    boolean firstTime(UUID publisher, long number) {
        return publishers.computeIfAbsent(publisher, p -> new Seen()).note(number);
    }

    /** The numbers one node published that were seen lately: a ring of bits, newest at {@code newest}. */
    private static final class Seen {
        private final long[] bits = new long[WINDOW / Long.SIZE];
        private long newest = -1;

        boolean note(long number) {
            if (number > newest) {
                forget(newest + 1, number);
                newest = number;
                set(number);
                return true;
            }
            if (number <= newest - WINDOW) {
                return true; // older than the window: not known to be a repeat
            }
            if (isSet(number)) {
                return false;
            }
            set(number);
            return true;
        }

        /** Clears the bits of numbers {@code from} to {@code to}, which reuse the slots of older ones. */
        private void forget(long from, long to) {
            if (to - from >= WINDOW) {
                Arrays.fill(bits, 0L);
                return;
            }
            for (long n = from; n <= to; n++) {
                bits[slot(n)] &= ~mask(n);
            }
        }

        private boolean isSet(long number) {
            return (bits[slot(number)] & mask(number)) != 0;
        }

        private void set(long number) {
            bits[slot(number)] |= mask(number);
        }

        private static int slot(long number) {
            return (int) ((number % WINDOW) >>> 6);
        }

        private static long mask(long number) {
            return 1L << (number & 63);
        }
    }
}
