package io.wssocket.interop;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A client session of the container under test and what its endpoint received. */
record ClientConnection(Session session, PeerEvents events) implements AutoCloseable, MessageParts {

    /**
     * Sends a message of {@code size} wire bytes: whole with {@code sendText/sendBinary(message)}
     * for one part, else in that many parts with {@code sendText/sendBinary(part, last)}. Returns
     * its payload.
     */
    byte[] send(MessageType type, int size, int parts) throws IOException {
        RemoteEndpoint.Basic remote = session.getBasicRemote();
        if (type == MessageType.TEXT) {
            String text = InteropPayloads.text(size);
            if (parts == 1) {
                remote.sendText(text);
            } else {
                List<String> pieces = InteropPayloads.split(text, parts);
                for (int i = 0; i < parts; i++) {
                    remote.sendText(pieces.get(i), i == parts - 1);
                }
            }
            return text.getBytes(StandardCharsets.UTF_8);
        }
        byte[] bytes = InteropPayloads.bytes(size);
        if (parts == 1) {
            remote.sendBinary(ByteBuffer.wrap(bytes));
        } else {
            List<ByteBuffer> pieces = InteropPayloads.split(bytes, parts);
            for (int i = 0; i < parts; i++) {
                remote.sendBinary(pieces.get(i), i == parts - 1);
            }
        }
        return bytes;
    }

    void sendText(String text) throws IOException {
        session.getBasicRemote().sendText(text);
    }

    /** One frame of a text message, with the basic remote. */
    @Override
    public void sendText(String part, boolean last) throws IOException {
        session.getBasicRemote().sendText(part, last);
    }

    /** One frame of a binary message, with the basic remote. */
    @Override
    public void sendBinary(ByteBuffer part, boolean last) throws IOException {
        session.getBasicRemote().sendBinary(part, last);
    }

    /** Sends with the async remote and waits until the container reports the message sent. */
    void sendTextAsync(String text, Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        session.getAsyncRemote().sendText(text).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next message, which must be text. */
    String nextText(Duration timeout) throws InterruptedException {
        ReceivedMessage message = events.nextMessage(timeout);
        if (message.type() != MessageType.TEXT) {
            throw new AssertionError("expected a text message but got " + message.payload().length + " binary bytes");
        }
        return new String(message.payload(), StandardCharsets.UTF_8);
    }

    /** Closes normally if still open; never throws, since the case has its verdict already. */
    @Override
    public void close() {
        try {
            if (session.isOpen()) {
                session.close();
            }
        } catch (IOException | RuntimeException e) {
            // Only the socket is left to release, and the container does that on its own.
        }
    }
}
