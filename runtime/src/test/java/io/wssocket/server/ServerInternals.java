package io.wssocket.server;

import io.wssocket.session.InboundBudget;
import io.wssocket.protocol.SharedTextFrames;
import io.wssocket.transport.EventLoopGroup;
import io.wssocket.transport.OutboundBudget;
import io.wssocket.wire.ZlibPool;

/** What tests in other packages look at inside a running server; not part of its public API. */
public final class ServerInternals {
    private ServerInternals() {
    }

    /** The event loops serving the server while it runs (null before start). */
    public static EventLoopGroup eventLoops(WebSocketServer server) {
        return server.eventLoops();
    }

    /** The bytes queued for sending on all the server's connections together. */
    public static OutboundBudget outboundBudget(WebSocketServer server) {
        return server.outboundBudget();
    }

    /** The text frames the server's connections share. */
    public static SharedTextFrames sharedTextFrames(WebSocketServer server) {
        return server.sharedTextFrames();
    }

    /** The bytes of inbound messages the server's sessions hold together. */
    public static InboundBudget inboundBudget(WebSocketServer server) {
        return server.container().inboundBudget();
    }

    /** The deflaters and inflaters the server's connections borrow per message (permessage-deflate). */
    public static ZlibPool deflatePool(WebSocketServer server) {
        return server.deflatePool();
    }
}
