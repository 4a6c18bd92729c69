package io.wssocket.server;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Open connections per remote address, for the per-address limit; an address with none takes no memory. */
final class AddressCounter {
    private final ConcurrentHashMap<InetAddress, Count> counts = new ConcurrentHashMap<>();
    private final Runnable alsoOnRelease;

    /** @param alsoOnRelease what a {@linkplain #releaser releaser} runs besides (the server's count of open sockets) */
    AddressCounter(Runnable alsoOnRelease) {
        this.alsoOnRelease = alsoOnRelease;
    }

    /** Counts one more connection from {@code address}. @return how many are open from it now */
    int acquire(InetAddress address) {
        int[] open = new int[1];
        counts.compute(address, (a, count) -> {
            Count counted = count == null ? new Count(a) : count;
            open[0] = ++counted.open;
            return counted;
        });
        return open[0];
    }

    /** Counts one connection from {@code address} less. */
    void release(InetAddress address) {
        counts.computeIfPresent(address, (a, count) -> --count.open == 0 ? null : count);
    }

    /**
     * What a connection from {@code address}, counted by {@link #acquire}, runs once when it
     * closes: its release and {@code alsoOnRelease}. One object per address, shared by its
     * connections, so a connection holds no closure of its own.
     */
    Runnable releaser(InetAddress address) {
        Count count = counts.get(address);
        if (count == null) {
            throw new IllegalStateException("no connection from " + address + " is counted");
        }
        return count;
    }

    /**
     * The connections open from one address, and what each runs when it closes. Changed only
     * inside the map's compute for its address, so the map's lock orders every change.
     */
    private final class Count implements Runnable {
        private final InetAddress address;
        /** Volatile for {@link #snapshot}, which reads outside the map's lock. */
        private volatile int open;

        Count(InetAddress address) {
            this.address = address;
        }

        @Override
        public void run() {
            release(address);
            alsoOnRelease.run();
        }
    }

    /**
     * One connection's place in the count, for a connection whose client address is learnt after
     * accept (from a PROXY header or a Forwarded header): counted under the peer's address first,
     * then moved. Made only when proxy-protocol or forwarded-headers is on.
     */
    Lease lease(InetAddress peer) {
        Lease lease = new Lease();
        lease.moveTo(peer);
        return lease;
    }

    /** See {@link #lease}. */
    final class Lease {
        private InetAddress address;
        private int count;

        /** Counts the connection under {@code to} (null: under none) instead. @return connections open from it now */
        synchronized int moveTo(InetAddress to) {
            release();
            address = to;
            count = to == null ? 0 : acquire(to);
            return count;
        }

        /** The connection closed: it is counted under no address. */
        synchronized void release() {
            if (address != null) {
                AddressCounter.this.release(address);
                address = null;
            }
        }

        /** Connections open from the address this one is counted under, itself included, when it was counted. */
        synchronized int count() {
            return count;
        }
    }

    /** The open connections per address now, a copy. */
    Map<InetAddress, Integer> snapshot() {
        Map<InetAddress, Integer> copy = new HashMap<>();
        counts.forEach((address, count) -> copy.put(address, count.open));
        return copy;
    }

    /** Addresses with at least one open connection. */
    int addresses() {
        return counts.size();
    }
}
