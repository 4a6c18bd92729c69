package io.wssocket.config;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The defaults of max-connections and max-connections-per-address, derived from what the process
 * may open. Every connection is a file descriptor; a server whose max-connections lies above the
 * open-file limit never answers 503: accept fails with EMFILE first and nobody, not even a
 * well-behaved client, gets in. So the default sits below the limit, leaving headroom for the
 * JVM's own files: those it holds when the configuration is made (jars, the runtime image, logs)
 * and max(64, 10 %) more for what it opens later (selectors, wake-up descriptors, classes and
 * resources loaded late). Running out breaks more than accept: a class loaded after the limit is
 * hit fails with NoClassDefFoundError, and that failure sticks. And one address may take only a
 * share of the connections.
 */
final class ConnectionDefaults {
    /** Where the platform tells no limit (not a Unix JVM): the old fixed default. */
    static final int WITHOUT_KNOWN_LIMIT = 100_000;
    /** At least this many descriptors are left to the JVM itself ... */
    static final int MIN_HEADROOM = 64;
    /** ... or this share of the limit, whichever is more. */
    static final int HEADROOM_PERCENT = 10;
    /** max-connections-per-address defaults to this share of max-connections. */
    static final int PER_ADDRESS_DIVISOR = 4;

    private ConnectionDefaults() {
    }

    /** max-connections for this process: its open-file limit minus headroom. */
    static int maxConnections() {
        UnixFiles files = unixFiles();
        return files == null ? WITHOUT_KNOWN_LIMIT : maxConnectionsFor(files.limit(), files.open());
    }

    /**
     * @param openFileLimit the process's open-file limit
     * @param openNow descriptors the process holds already
     */
    static int maxConnectionsFor(long openFileLimit, long openNow) {
        if (openFileLimit <= 0) {
            return WITHOUT_KNOWN_LIMIT;
        }
        long headroom = Math.max(0, openNow) + Math.max(MIN_HEADROOM, openFileLimit * HEADROOM_PERCENT / 100);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, openFileLimit - headroom));
    }

    /** max-connections-per-address when not given: a quarter of max-connections, at least 1. */
    static int perAddressFor(int maxConnections) {
        return Math.max(1, maxConnections / PER_ADDRESS_DIVISOR);
    }

    /** The process's open-file limit (RLIMIT_NOFILE) and descriptors open now. */
    record UnixFiles(long limit, long open) {
    }

    /** What the JVM tells of the process's files, or null where it tells nothing (not Unix, or no management module). */
    static UnixFiles unixFiles() {
        try {
            OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
                return new UnixFiles(unix.getMaxFileDescriptorCount(), unix.getOpenFileDescriptorCount());
            }
        } catch (RuntimeException | LinkageError e) {
            // a trimmed runtime without jdk.management: keep the fixed default
        }
        return null;
    }
}
