package io.wssocket.session;

import jakarta.websocket.EncodeException;
import jakarta.websocket.RemoteEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** What the basic and async remotes share: batching, pings and pongs, and payload preparation. */
abstract class RemoteBase implements RemoteEndpoint {
    final MessageSender sender;
    private final SessionEncoders encoders;
    private volatile boolean batchingAllowed;

    RemoteBase(MessageSender sender, SessionEncoders encoders) {
        this.sender = sender;
        this.encoders = encoders;
    }

    @Override
    public void setBatchingAllowed(boolean allowed) throws IOException {
        boolean was = batchingAllowed;
        batchingAllowed = allowed;
        if (was && !allowed) {
            flushBatch();
        }
    }

    @Override
    public boolean getBatchingAllowed() {
        return batchingAllowed;
    }

    /** Messages are handed to the socket as they are sent, so there is never a batch left to flush. */
    @Override
    public void flushBatch() {
    }

    @Override
    public void sendPing(ByteBuffer applicationData) throws IOException {
        sender.await(sender.sendPing(controlPayload(applicationData)));
    }

    @Override
    public void sendPong(ByteBuffer applicationData) throws IOException {
        sender.await(sender.sendPong(controlPayload(applicationData)));
    }

    private static ByteBuffer controlPayload(ByteBuffer data) {
        if (data == null) {
            return ByteBuffer.allocate(0);
        }
        if (data.remaining() > 125) {
            throw new IllegalArgumentException("ping and pong payloads are at most 125 bytes, got " + data.remaining());
        }
        return data;
    }

    static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(checkedText(text).getBytes(StandardCharsets.UTF_8));
    }

    static String checkedText(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        return text;
    }

    static ByteBuffer checked(ByteBuffer data) {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        return data;
    }

    /** The frame for {@code sendObject}: the session's encoders, else the built-in conversions. */
    SessionEncoders.Encoded encode(Object data) throws EncodeException, IOException {
        return encoders.encode(data);
    }
}
