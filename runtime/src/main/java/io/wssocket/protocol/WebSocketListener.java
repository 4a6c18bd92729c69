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
     * The connection is closed (socket closed); called exactly once. {@code code} is what the
     * close handshake settled on, or {@link io.wssocket.wire.CloseCodes#ABNORMAL} when it did not
     * happen.
     */
    void onClosed(int code, String reason);

    /** A transport error ended the connection; {@link #onClosed} follows. */
    void onTransportError(Throwable error);
}
