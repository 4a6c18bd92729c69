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

    /** The socket is closed; called once, last. {@code cause} is null for an orderly close. */
    void onClosed(Connection connection, Throwable cause);
}
