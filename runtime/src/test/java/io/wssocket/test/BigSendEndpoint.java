package io.wssocket.test;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Answers any text with one {@link #BIG}-byte binary message, sent blocking (asynchronously for
 * the text "async"): a peer that does not read makes the send wait (a slow send, bytes queued for
 * the peer).
 */
public class BigSendEndpoint extends Endpoint {
    /** Bytes of the message: more than loopback's socket buffers hold. */
    public static final int BIG = 8 * 1024 * 1024;

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, text -> {
            if (text.equals("async")) {
                session.getAsyncRemote().sendBinary(ByteBuffer.allocate(BIG)); // returns at once
                return;
            }
            try {
                session.getBasicRemote().sendBinary(ByteBuffer.allocate(BIG));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
