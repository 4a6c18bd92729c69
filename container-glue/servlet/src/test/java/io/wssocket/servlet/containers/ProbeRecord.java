package io.wssocket.servlet.containers;

import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one upgraded connection of {@link ProbeUpgradeHandler} saw: each callback with the thread
 * that ran it, whether two callbacks ever ran at once, how the end of input and the end of the
 * connection were signalled, and who wrote how much. Filled by container threads, read by the test.
 */
final class ProbeRecord {
    /** "callback on thread", in the order they began. */
    final Queue<String> calls = new ConcurrentLinkedQueue<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    /** "callback on thread while other callback on other thread": callbacks that ran at once. */
    final Queue<String> overlaps = new ConcurrentLinkedQueue<>();
    /** Callbacks whose thread context class loader differed from the request's. */
    final AtomicInteger otherClassLoader = new AtomicInteger();
    volatile ClassLoader requestClassLoader;
    volatile String requestThread;

    final AtomicBoolean allDataRead = new AtomicBoolean();
    /** A read that returned -1, the stream's end signalled without onAllDataRead. */
    final AtomicBoolean readEndOfStream = new AtomicBoolean();
    final AtomicReference<Throwable> error = new AtomicReference<>();
    /** The handler closed its WebConnection. */
    final AtomicBoolean closedByHandler = new AtomicBoolean();
    final AtomicBoolean destroyed = new AtomicBoolean();
    /** destroy() came before the handler closed the WebConnection: the container ended it. */
    final AtomicBoolean destroyedBeforeClose = new AtomicBoolean();

    final AtomicLong bytesRead = new AtomicLong();
    final AtomicLong bytesWrittenByOwnThread = new AtomicLong();
    final AtomicLong bytesWrittenByContainer = new AtomicLong();

    /** The longest a single write or flush call took, in microseconds: a non-blocking one returns at once. */
    final AtomicLong longestWriteMicros = new AtomicLong();

    /**
     * Marks a callback's start; {@link #leave} with the returned token marks its end.
     *
     * @param callback the callback's name
     * @return the token for {@link #leave}
     */
    String enter(String callback) {
        String call = callback + " on " + Thread.currentThread().getName();
        for (String other : running) {
            overlaps.add(call + " while " + other);
        }
        running.add(call);
        if (Thread.currentThread().getContextClassLoader() != requestClassLoader) {
            otherClassLoader.incrementAndGet();
        }
        calls.add(call);
        return call;
    }

    void leave(String call) {
        running.remove(call);
    }

    /** Records how long a write or flush took. */
    void wrote(long startedNanos) {
        longestWriteMicros.accumulateAndGet((System.nanoTime() - startedNanos) / 1000, Math::max);
    }

    /** The callbacks in the order they began, runs of one callback folded into one. */
    String sequence() {
        StringBuilder sequence = new StringBuilder();
        String last = null;
        for (String call : calls) {
            String callback = call.substring(0, call.indexOf(" on "));
            if (!callback.equals(last)) {
                sequence.append(sequence.length() == 0 ? "" : " > ").append(callback);
                last = callback;
            }
        }
        return sequence.toString();
    }

    /** The distinct threads (names, numbers folded into #) each callback ran on. */
    Map<String, Set<String>> threadsByCallback() {
        Map<String, Set<String>> threads = new TreeMap<>();
        for (String call : calls) {
            int on = call.indexOf(" on ");
            threads.computeIfAbsent(call.substring(0, on), c -> new TreeSet<>())
                    .add(call.substring(on + 4).replaceAll("\\d+", "#"));
        }
        return threads;
    }

    /** One line for the test's output, which CONTAINERS.md summarizes. */
    String summary() {
        return "request thread " + requestThread
                + "; callbacks " + threadsByCallback()
                + " (" + calls.stream().map(call -> call.substring(call.indexOf(" on ") + 4)).distinct().count()
                + " distinct threads)"
                + "; sequence " + sequence()
                + "; overlapping " + (overlaps.isEmpty() ? "never" : overlaps.size() + "x, first " + overlaps.peek())
                + "; callbacks with another context class loader " + otherClassLoader.get()
                + "; onAllDataRead " + allDataRead.get()
                + ", read -1 " + readEndOfStream.get()
                + ", onError " + (error.get() == null ? "no" : error.get())
                + "; closed by handler " + closedByHandler.get()
                + ", destroyed " + destroyed.get() + (destroyedBeforeClose.get() ? " (before the handler closed)" : "")
                + "; bytes read " + bytesRead.get()
                + ", written by own thread " + bytesWrittenByOwnThread.get()
                + ", by container threads " + bytesWrittenByContainer.get()
                + "; longest write/flush call " + longestWriteMicros.get() + " us";
    }
}
