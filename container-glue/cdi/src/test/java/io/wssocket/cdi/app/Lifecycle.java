package io.wssocket.cdi.app;

import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** What the fixtures saw happen, for the tests to check; reset before each test. */
public final class Lifecycle {
    public static final Queue<String> EVENTS = new ConcurrentLinkedQueue<>();
    private static final ConcurrentHashMap<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

    private Lifecycle() {
    }

    public static void record(String event) {
        EVENTS.add(event);
        count(event);
    }

    /** Counts without keeping the event (for the many cycles of the leak test). */
    public static int count(String event) {
        return COUNTS.computeIfAbsent(event, e -> new AtomicInteger()).incrementAndGet();
    }

    public static int countOf(String event) {
        AtomicInteger count = COUNTS.get(event);
        return count == null ? 0 : count.get();
    }

    public static void reset() {
        EVENTS.clear();
        COUNTS.clear();
    }
}
