package io.wssocket.protocol;

import java.nio.ByteBuffer;

/**
 * What the layer above (the session) hears from an open WebSocket connection. Every call comes on
 * the connection's event loop thread, in order, and must not block; buffers are valid only
 * during the call.
 */
public interface WebSocketListener {
    /** A piece of a text message (UTF-8, already validated); throwing fails the connection with the failure's code. */
    void onText(ByteBuffer chunk, boolean first, boolean last) throws ConnectionFailure;

    /** A piece of a binary message; throwing fails the connection with the failure's code. */
    void onBinary(ByteBuffer chunk, boolean first, boolean last) throws ConnectionFailure;

    void onPong(ByteBuffer payload);

    /**
     * The connection fails (RFC 6455 §7.1.7) after what was delivered so far: runs {@code task}
     * (which sends the close frame) once everything delivered before this call has been handled,
     * and after what its handling sent, on any thread. Nothing more is delivered after this call.
     * The connection bounds the wait with its close timeout. By default the close is not delayed.
     */
    default void afterDelivered(Runnable task) {
        task.run();
    }

    /**
     * The connection is closed (socket closed); called exactly once. {@code code} is what the
     * close handshake settled on, or {@link io.wssocket.wire.CloseCodes#ABNORMAL} when it did not
     * happen.
     */
    void onClosed(int code, String reason);

    /** A transport error ended the connection; {@link #onClosed} follows. */
    void onTransportError(Throwable error);
}
