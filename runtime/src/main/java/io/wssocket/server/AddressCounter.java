package io.wssocket.server;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Open connections per remote address, for the per-address limit; an address with none takes no memory. */
final class AddressCounter {
    private final ConcurrentHashMap<InetAddress, Integer> counts = new ConcurrentHashMap<>();

    /** Counts one more connection from {@code address}. @return how many are open from it now */
    int acquire(InetAddress address) {
        return counts.merge(address, 1, Integer::sum);
    }

    /** Counts one connection from {@code address} less. */
    void release(InetAddress address) {
        counts.computeIfPresent(address, (a, n) -> n == 1 ? null : n - 1);
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
        return new HashMap<>(counts);
    }

    /** Addresses with at least one open connection. */
    int addresses() {
        return counts.size();
    }
}
