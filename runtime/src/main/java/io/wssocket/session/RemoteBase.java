package io.wssocket.session;

import io.wssocket.wire.Opcode;
import jakarta.websocket.EncodeException;
import jakarta.websocket.RemoteEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** What the basic and async remotes share: batching, pings and pongs, and payload preparation. */
abstract class RemoteBase implements RemoteEndpoint {
    final MessageSender sender;
    private volatile boolean batchingAllowed;

    RemoteBase(MessageSender sender) {
        this.sender = sender;
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
        sender.await(sender.sendControl(Opcode.PING, controlPayload(applicationData)));
    }

    @Override
    public void sendPong(ByteBuffer applicationData) throws IOException {
        sender.await(sender.sendControl(Opcode.PONG, controlPayload(applicationData)));
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
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    static ByteBuffer checked(ByteBuffer data) {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        return data;
    }

    /**
     * The frame for {@code sendObject} without application encoders: strings and primitives as
     * text, byte buffers and arrays as binary.
     */
    static Object[] encodeBuiltIn(Object data) throws EncodeException {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        if (data instanceof String || data instanceof Number || data instanceof Boolean || data instanceof Character) {
            return new Object[] {Opcode.TEXT, utf8(data.toString())};
        }
        if (data instanceof ByteBuffer) {
            return new Object[] {Opcode.BINARY, data};
        }
        if (data instanceof byte[]) {
            return new Object[] {Opcode.BINARY, ByteBuffer.wrap((byte[]) data)};
        }
        throw new EncodeException(data, "no encoder for " + data.getClass().getName());
    }
}
