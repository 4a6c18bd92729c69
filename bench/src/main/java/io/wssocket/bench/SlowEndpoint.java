package io.wssocket.bench;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/**
 * The endpoint every Jakarta server under test deploys at {@code /slow}: a handler that takes
 * {@link #DELAY_MS} ms over each whole text or binary message and answers nothing. The hostile
 * scenario's inbound flood sends large messages to it as fast as it can: a server that keeps
 * reading while the handler is busy has to hold what it read somewhere.
 *
 * <p>It accepts messages up to {@link #MAX_MESSAGE} bytes on every server alike (the flood's
 * messages are just under it), so that no server refuses them for its smaller default limit.
 */
public final class SlowEndpoint extends Endpoint {

    public static final String PATH = "/slow";

    /** Time the handler takes per message. */
    static final long DELAY_MS = 5;

    /** The largest message this endpoint accepts: 1 MiB, on every server. */
    static final int MAX_MESSAGE = 1 << 20;

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxTextMessageBufferSize(MAX_MESSAGE);
        session.setMaxBinaryMessageBufferSize(MAX_MESSAGE);
        session.addMessageHandler(String.class, text -> pause());
        session.addMessageHandler(byte[].class, data -> pause());
    }

    static void pause() {
        try {
            Thread.sleep(DELAY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
