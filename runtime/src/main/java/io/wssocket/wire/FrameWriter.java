package io.wssocket.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes RFC 6455 §5.2 frame headers and whole small frames. */
public final class FrameWriter {
    /** 2 bytes + 8 bytes of extended length + 4 bytes of masking key. */
    public static final int MAX_HEADER_LENGTH = 14;

    private FrameWriter() {
    }

    public static int headerLength(long payloadLength, boolean masked) {
        int length = payloadLength <= 125 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
        return masked ? length + 4 : length;
    }

    /**
     * Writes a header at the buffer's position and advances it. The length uses the shortest
     * form (RFC 6455 §5.2: "the minimal number of bytes MUST be used").
     */
    public static void writeHeader(ByteBuffer out, boolean fin, int rsv, int opcode, long payloadLength,
                                   boolean masked, int maskKey) {
        if ((rsv & ~0x7) != 0 || (opcode & ~0xF) != 0 || payloadLength < 0) {
            throw new IllegalArgumentException("invalid frame header: rsv " + rsv + ", opcode " + opcode
                    + ", length " + payloadLength);
        }
        out.put((byte) ((fin ? 0x80 : 0) | (rsv << 4) | opcode));
        int maskBit = masked ? 0x80 : 0;
        if (payloadLength <= 125) {
            out.put((byte) (maskBit | payloadLength));
        } else if (payloadLength <= 0xFFFF) {
            out.put((byte) (maskBit | 126));
            putBigEndian(out, payloadLength, 2);
        } else {
            out.put((byte) (maskBit | 127));
            putBigEndian(out, payloadLength, 8);
        }
        if (masked) {
            putBigEndian(out, maskKey, 4);
        }
    }

    /** RFC 6455 §5.2: network byte order, whatever order {@code out} is set to. */
    private static void putBigEndian(ByteBuffer out, long value, int bytes) {
        for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
            out.put((byte) (value >>> shift));
        }
    }

    /** An unmasked frame (server to client) holding a copy of {@code payload}, ready to write. */
    public static ByteBuffer unmaskedFrame(boolean fin, int opcode, ByteBuffer payload) {
        return unmaskedFrame(fin, 0, opcode, payload);
    }

    /** As {@link #unmaskedFrame(boolean, int, ByteBuffer)}, with RSV bits (RSV1 = 4: a compressed message's first frame). */
    public static ByteBuffer unmaskedFrame(boolean fin, int rsv, int opcode, ByteBuffer payload) {
        int length = payload.remaining();
        ByteBuffer frame = ByteBuffer.allocate(headerLength(length, false) + length);
        writeHeader(frame, fin, rsv, opcode, length, false, 0);
        frame.put(payload.duplicate());
        return frame.flip();
    }

    /** An unmasked text frame (server to client) of {@code text} encoded as UTF-8, ready to write. */
    public static ByteBuffer unmaskedTextFrame(boolean fin, String text) {
        // The JDK's encoder checks and copies a Latin-1 string a vector at a time; a loop of charAt
        // over the string, once to size the frame and once to fill it, cost more than this copy
        // (6 % of a 64 B echo's samples). An unpaired surrogate becomes '?'.
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer frame = ByteBuffer.allocate(headerLength(payload.length, false) + payload.length);
        writeHeader(frame, fin, 0, Opcode.TEXT, payload.length, false, 0);
        return frame.put(payload).flip();
    }

    /** A masked frame (client to server) holding a masked copy of {@code payload}, ready to write. */
    public static ByteBuffer maskedFrame(boolean fin, int opcode, ByteBuffer payload, int maskKey) {
        return maskedFrame(fin, 0, opcode, payload, maskKey);
    }

    /** As {@link #maskedFrame(boolean, int, ByteBuffer, int)}, with RSV bits. */
    public static ByteBuffer maskedFrame(boolean fin, int rsv, int opcode, ByteBuffer payload, int maskKey) {
        int length = payload.remaining();
        // Native order for Masking's word loop; the header is written byte by byte.
        ByteBuffer frame = ByteBuffer.allocate(headerLength(length, true) + length).order(ByteOrder.nativeOrder());
        writeHeader(frame, fin, rsv, opcode, length, true, maskKey);
        int start = frame.position();
        frame.put(payload.duplicate());
        Masking.mask(frame, start, frame.position(), maskKey, 0);
        return frame.flip();
    }
}
