package io.wssocket.protocol;

import java.net.InetSocketAddress;

/**
 * What a connection tells its owner's operator about: the connection was closed because the peer
 * crossed a limit, or because it stalled. The server counts these into log summaries; the calls
 * come on the connection's event loop (a slow consumer is dropped from the sending thread) and
 * must not block.
 */
public interface ProtocolEvents {
    /** Tells nobody: for connections whose owner does not summarize (the client). */
    ProtocolEvents NONE = new ProtocolEvents() {
        @Override
        public void limitClosed(InetSocketAddress peer, String path, int code, String reason) {
        }

        @Override
        public void stalled(InetSocketAddress peer, String path, String timeout, String reason) {
        }
    };

    /**
     * The connection was closed with {@code code} (1008, 1009, 1013) because the peer crossed a
     * limit that {@code reason} names.
     *
     * @param path the endpoint path the connection was opened for, or null when unknown
     */
    void limitClosed(InetSocketAddress peer, String path, int code, String reason);

    /**
     * The connection was closed because the peer went quiet: {@code timeout} names the option
     * (read-progress-timeout, read-idle-timeout), {@code reason} what was sent.
     */
    void stalled(InetSocketAddress peer, String path, String timeout, String reason);

    /**
     * The connection was failed because the peer broke an extension parameter it had agreed to:
     * {@code parameter} names it (a permessage-deflate no_context_takeover), {@code reason} is
     * the close reason sent. Tells nobody unless implemented.
     */
    default void extensionParameterIgnored(InetSocketAddress peer, String path, String parameter, String reason) {
    }

    /**
     * An opened connection is closed: what it carried and how it ended. Called once, on the
     * connection's event loop, before the session hears of it. Tells nobody unless implemented.
     */
    default void connectionClosed(ClosedConnection closed) {
    }

    /**
     * A send waited at least {@link #slowSendThresholdNanos()} for the peer (a blocking one in the
     * sender's thread, an asynchronous one until written). Any thread. Tells nobody unless implemented.
     *
     * @param waitedNanos how long it waited
     * @param queuedBytes the bytes still queued for the peer when it returned
     */
    default void slowSend(InetSocketAddress peer, String path, long waitedNanos, long queuedBytes) {
    }

    /** How long a send may wait before it is a {@link #slowSend}; {@code Long.MAX_VALUE}: never told. */
    default long slowSendThresholdNanos() {
        return Long.MAX_VALUE;
    }
}
