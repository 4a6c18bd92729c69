package io.wssocket.transport;

import java.nio.ByteBuffer;

/**
 * The protocol spoken on a {@link Connection}: the handshake first, then WebSocket frames. All
 * calls are made on the connection's event loop thread and must not block.
 */
public interface ConnectionHandler {
    /**
     * Bytes read from the socket, between the buffer's position and limit. The buffer belongs to
     * the event loop and is reused after the call: copy what must outlive it.
     */
    void onData(Connection connection, ByteBuffer in);

    /** The peer shut down its output (end of stream). */
    void onInputClosed(Connection connection);

    /**
     * The deadline set with {@link Connection#scheduleTimer(long)} has passed.
     *
     * @return the next deadline in {@link System#nanoTime()} terms, or 0 for none
     */
    long onTimer(Connection connection, long now);

    /**
     * Handling this connection failed inside the runtime: a call to this handler, or the
     * transport's own code for it, threw (a bug, or an {@link Error} such as OutOfMemoryError).
     * The connection is closed right after this call, with {@code error} as the cause; the handler
     * may write a last word first (as much as the socket takes at once). It must not block, and
     * should allocate little: memory may be short.
     */
    default void onInternalError(Connection connection, Throwable error) {
    }

    /** The socket is closed; called once, last. {@code cause} is null for an orderly close. */
    void onClosed(Connection connection, Throwable cause);
}
