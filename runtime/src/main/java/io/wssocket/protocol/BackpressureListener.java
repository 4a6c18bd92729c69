package io.wssocket.protocol;

import io.wssocket.transport.WritabilityListener;

/**
 * Told when a {@link WebSocketConnection}'s outbound queue crosses its high water mark (not
 * writable) or falls below its low one (writable again). It extends the transport's listener, so
 * the session's listener is registered with the transport as it is, with no adapter in between.
 */
@FunctionalInterface
public interface BackpressureListener extends WritabilityListener {
}
