package io.wssocket.transport;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The far end of a transport test that is about what the near end writes: ignores what the peer
 * sends, closes once the peer's input ends, keeps no timers, and records how the connection ended.
 */
final class DiscardingHandler implements ConnectionHandler {
    /** Completes with the cause the connection closed with (null for a clean close). */
    final CompletableFuture<Throwable> closed = new CompletableFuture<>();
    /** How often the connection told it of its close: once, or a close ran twice. */
    final AtomicInteger closes = new AtomicInteger();

    @Override
    public void onData(Connection c, ByteBuffer in) {
        in.position(in.limit());
    }

    @Override
    public void onInputClosed(Connection c) {
        c.closeAfterFlush();
    }

    @Override
    public long onTimer(Connection c, long now) {
        return 0;
    }

    @Override
    public void onClosed(Connection c, Throwable cause) {
        closes.incrementAndGet();
        closed.complete(cause);
    }
}
