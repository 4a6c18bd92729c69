package io.wssocket.interop;

import jakarta.websocket.WebSocketContainer;

/**
 * A client container for one case, and how to let go of what it holds afterwards (the Jakarta
 * API has no way to shut a client container down).
 */
record ClientUnderTest(WebSocketContainer container, Runnable release) implements AutoCloseable {
    @Override
    public void close() {
        release.run();
    }
}
