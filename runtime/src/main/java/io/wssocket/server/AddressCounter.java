package io.wssocket.server;

import java.net.InetAddress;
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

    /** Addresses with at least one open connection. */
    int addresses() {
        return counts.size();
    }
}
