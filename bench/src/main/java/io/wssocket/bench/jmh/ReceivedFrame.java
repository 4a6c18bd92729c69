package io.wssocket.bench.jmh;

import io.wssocket.client.ClientConfig;
import io.wssocket.wire.FrameWriter;
import io.wssocket.wire.ProtocolViolationException;
import java.nio.ByteBuffer;

/**
 * One client frame as a server receives it: masked (RFC 6455 §5.3), in a direct buffer, and
 * handed over in windows of at most the runtime's default read-buffer-size, as the event loop
 * would read it. The windows lie over the one buffer, so nothing is copied to deliver them.
 */
final class ReceivedFrame {
    /** The runtime's default read-buffer-size: the most one read delivers. */
    static final int READ_WINDOW = ClientConfig.defaults().build().readBufferSize();

    /** What reads a window, all of it (the frame parser or the reader on top of it). */
    @FunctionalInterface
    interface WindowReader {
        void read(ByteBuffer window) throws ProtocolViolationException;
    }

    private final ByteBuffer bytes;
    private final int length;

    ReceivedFrame(int opcode, byte[] payload, int maskKey) {
        ByteBuffer frame = FrameWriter.maskedFrame(true, opcode, ByteBuffer.wrap(payload), maskKey);
        this.length = frame.remaining();
        this.bytes = BufferKind.DIRECT.allocate(length).put(frame);
    }

    void deliver(WindowReader reader) throws ProtocolViolationException {
        for (int start = 0; start < length; start += READ_WINDOW) {
            bytes.limit(Math.min(start + READ_WINDOW, length)).position(start);
            reader.read(bytes);
        }
    }
}
