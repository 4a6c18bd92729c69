package io.wssocket.protocol;

import io.wssocket.transport.WriteCallback;

/**
 * Told when a frame sent through a {@link WebSocketConnection} has been written, or cannot be. The
 * session's view of a write's completion: it extends the transport's callback so that the object
 * the session gives is the one the transport calls, with no adapter made per message.
 */
@FunctionalInterface
public interface SendCallback extends WriteCallback {
}
