package io.wssocket.server;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * Default connection limits derived from what the process may open. Every connection is a file
 * descriptor; a server whose max-connections lies above the open-file limit never answers 503:
 * accept fails with EMFILE first and nobody, not even a well-behaved client, gets in. So the
 * default sits below the limit, leaving headroom for the JVM's own files (jars, selectors,
 * epoll and wake-up descriptors, logs), and one address may take only a share of it.
 */
final class ConnectionLimits {
    /** Where the platform tells no limit (not a Unix JVM): the old fixed default. */
    static final int WITHOUT_KNOWN_LIMIT = 100_000;
    /** At least this many descriptors are left to the JVM itself ... */
    static final int MIN_HEADROOM = 64;
    /** ... or this share of the limit, whichever is more. */
    static final int HEADROOM_PERCENT = 10;
    /** max-connections-per-address defaults to this share of max-connections. */
    static final int PER_ADDRESS_DIVISOR = 4;

    private ConnectionLimits() {
    }

    /** max-connections for this process: its open-file limit minus headroom. */
    static int defaultMaxConnections() {
        return maxConnectionsFor(openFileLimit());
    }

    /** @param openFileLimit the process's open-file limit, or a negative number when unknown */
    static int maxConnectionsFor(long openFileLimit) {
        if (openFileLimit <= 0) {
            return WITHOUT_KNOWN_LIMIT;
        }
        long headroom = Math.max(MIN_HEADROOM, openFileLimit * HEADROOM_PERCENT / 100);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, openFileLimit - headroom));
    }

    /** max-connections-per-address when not given: a quarter of max-connections, at least 1. */
    static int perAddressFor(int maxConnections) {
        return Math.max(1, maxConnections / PER_ADDRESS_DIVISOR);
    }

    /** The process's open-file limit (RLIMIT_NOFILE) where the JVM tells it, else -1. */
    static long openFileLimit() {
        try {
            OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
                return unix.getMaxFileDescriptorCount();
            }
        } catch (RuntimeException | LinkageError e) {
            // no management module in a trimmed runtime: keep the fixed default
        }
        return -1;
    }
}
