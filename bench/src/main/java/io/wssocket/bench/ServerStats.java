package io.wssocket.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A server process's memory as the suite reports it: heap used right after a full collection, and
 * the resident set size the kernel reports in {@code /proc/self/status} (Linux); and its live
 * threads (daemon or not, the JVM's own included), which a server that serves each connection on
 * a thread of its own would show growing with the connections.
 *
 * <p>Heap used is given twice. {@code heap_used_bytes} is the heap's usage read after
 * {@code System.gc()} returns: it also counts the thread-local allocation buffers that threads
 * take right after the collection (with a 2 GiB heap, one is about 5 MiB, whole, however little of
 * it is used), so it moves in steps of megabytes from one measurement to the next.
 * {@code heap_after_gc_bytes} is the sum of the heap pools' usage as the collection left it
 * ({@link MemoryPoolMXBean#getCollectionUsage()}): the live objects only.
 */
final class ServerStats {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final String FORMAT = "STATS heap_used_bytes=%d heap_after_gc_bytes=%d rss_bytes=%d send_failures=%d live_threads=%d";

    private ServerStats() {
    }

    /** {@code STATS heap_used_bytes=... heap_after_gc_bytes=... rss_bytes=... send_failures=... live_threads=...}; runs a full GC first. */
    static String line() {
        // With the parallel collector System.gc() is a synchronous full collection, so what is
        // left is what the open connections really hold.
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return String.format(Locale.ROOT, FORMAT, heap, heapAfterCollection(), residentBytes(), SendFailures.count(), liveThreads());
    }

    /** The heap pools' usage as their last collection left it, summed; -1 if a pool does not tell. */
    static long heapAfterCollection() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                MemoryUsage after = pool.getCollectionUsage();
                if (after == null) {
                    return -1;
                }
                sum += after.getUsed();
            }
        }
        return sum;
    }

    /**
     * Loads what {@link #line()} needs while the server can still open files: under the hostile
     * scenario's fd attack, loading a class from a directory (or reading /proc) fails with "too
     * many open files", and the server could not tell its memory when it matters most.
     */
    static void preload() {
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        String.format(Locale.ROOT, FORMAT, 0L, heapAfterCollection(), residentBytes(), SendFailures.count(), liveThreads());
    }

    /** The JVM's live threads, daemon or not. */
    static int liveThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** VmRSS in bytes, or -1 where /proc is not there (or cannot be opened). */
    static long residentBytes() {
        try {
            return parseVmRss(Files.readAllLines(STATUS));
        } catch (IOException e) {
            return -1;
        }
    }

    static long parseVmRss(List<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("VmRSS:")) {
                // "VmRSS:     123456 kB"
                String[] parts = line.substring(6).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024;
            }
        }
        return -1;
    }
}
