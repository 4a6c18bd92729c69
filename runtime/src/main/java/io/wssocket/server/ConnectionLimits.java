package io.wssocket.server;

/**
 * How the acceptor holds to max-connections (its default, below the open-file limit, comes from
 * io.wssocket.config.ConnectionDefaults). Refusals hold a descriptor too, while the 503 or 429
 * is written and the client reads it (up to two seconds): the acceptor lets at most
 * {@link #rejectionReserve} such sockets exist beyond max-connections and closes any more at
 * once, unanswered, so a flood cannot turn the refusals themselves into EMFILE. The default's
 * headroom of 10 % covers that reserve.
 */
final class ConnectionLimits {
    private ConnectionLimits() {
    }

    /** Sockets being refused (503, 429) allowed beyond max-connections; a sixteenth of it, at least 8. */
    static int rejectionReserve(int maxConnections) {
        return Math.max(8, maxConnections / 16);
    }
}
