package io.wssocket.server;

import io.wssocket.protocol.SharedTextFrames;
import io.wssocket.protocol.Compression;
import io.wssocket.wire.ZlibPool;
import java.util.concurrent.Executor;

/** What the per-connection handlers of a running server share with it. */
interface ServerRuntime {
    ServerConfig config();

    WsServerContainer container();

    default EndpointRegistry registry() {
        return container().registry();
    }

    /** Runs endpoint code: callbacks of open sessions. */
    Executor callbackExecutor();

    /**
     * Runs handshakes (authenticator, configurator) and static-file reads, apart from endpoint code;
     * refuses work with {@code RejectedExecutionException} when its bounded queue is full.
     */
    Executor handshakeExecutor();

    /** What all the server's connections share: session ids, the operator's log, shared frames, the deflate pool. */
    ServerResources resources();

    int connectionCount();

    /** Option metrics' scrape, answered where the health endpoints are; null when the option is off. */
    default MetricsEndpoint metrics() {
        return null;
    }

    /** Whether the server drains: new WebSocket handshakes are then refused with 503. */
    default boolean draining() {
        return false;
    }

    /** Where refusals, limit closes, stalls and overload are told to the operator. */
    default OperatorLog operatorLog() {
        return resources().operatorLog();
    }

    /** Where every handshake outcome, session close, slow send, limit hit and loop stall is told. */
    default ServerEvents events() {
        return resources().events();
    }

    /** The text frames the server's connections share (a broadcast's). */
    default SharedTextFrames sharedTextFrames() {
        return resources().sharedTextFrames();
    }

    /** The deflaters and inflaters permessage-deflate borrows per message. */
    default ZlibPool deflatePool() {
        return resources().deflatePool();
    }

    /**
     * Permessage-deflate without context takeover as this server does it, one object for all its
     * connections (an idle connection holds nothing of its own for it).
     *
     * @param deflateOutbound whether the connection compresses what it sends
     */
    default Compression perMessageCompression(boolean deflateOutbound) {
        return resources().perMessageCompression(deflateOutbound);
    }
}
