package io.wssocket.spi;

import java.util.List;
import java.util.Objects;

/**
 * How a node joins its cluster: the options {@code cluster-name}, {@code cluster-members},
 * {@code cluster-host}, {@code cluster-port}, {@code cluster-client} and {@code cluster-client-lease}.
 *
 * @param name the cluster's name; nodes with another name never join it
 * @param members addresses of members as {@code host:port}, in the order given
 * @param host the address this node's member binds to and announces
 * @param port the port of this node's member
 * @param client true to connect to the members as a client instead of running a member
 * @param clientLeaseMillis with {@code client}, how long this node's lease lasts without renewal
 *     before the other nodes take it for gone and remove its presence
 */
public record ClusterSettings(String name, List<String> members, String host, int port, boolean client,
        long clientLeaseMillis) {
    /**
     * Copies the members.
     *
     * @param name the cluster's name, not empty
     * @param members addresses of members (copied)
     * @param host the member's address
     * @param port the member's port
     * @param client client mode
     * @param clientLeaseMillis the client's lease, in milliseconds
     * @throws IllegalArgumentException when the name is empty or the lease not positive
     */
    public ClusterSettings {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs a name");
        }
        members = List.copyOf(members);
        Objects.requireNonNull(host, "host");
        if (clientLeaseMillis <= 0) {
            throw new IllegalArgumentException("a client lease of " + clientLeaseMillis + " ms");
        }
    }
}
