package io.wssocket.bench;

import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Writes RFC 6455 frames into a buffer. A pure codec: no sockets, no Jakarta types. The load driver
 * uses it once per connection to pre-build a masked frame it then reuses for every message.
 */
final class FrameEncoder {

    static final int MAX_CONTROL_PAYLOAD = 125;

    private FrameEncoder() {
    }

    /**
     * A random masking key, never all zero so that no server can take a no-op unmasking shortcut.
     * RFC 6455 §5.3 wants a fresh key per frame; the drivers use one per connection so that frames
     * can be built once. A server cannot tell the difference.
     */
    static byte[] newMaskKey(Random random) {
        byte[] key = new byte[4];
        do {
            random.nextBytes(key);
        } while (key[0] == 0 && key[1] == 0 && key[2] == 0 && key[3] == 0);
        return key;
    }

    /** Header size for a payload of this length: 2, 4 or 10 bytes, plus 4 for the masking key. */
    static int headerLength(long payloadLength, boolean masked) {
        // RFC 6455 §5.2: the minimal number of bytes must be used to encode the length.
        int n = payloadLength <= 125 ? 2 : payloadLength <= 0xFFFF ? 4 : 10;
        return masked ? n + 4 : n;
    }

    /**
     * Writes the frame header. With a non-null {@code maskKey} (4 bytes) the mask bit is set and
     * the key follows the length; the payload written after it must then be masked with that key.
     */
    static void writeHeader(ByteBuffer out, boolean fin, int opcode, long payloadLength, byte[] maskKey) {
        writeHeader(out, fin, false, opcode, payloadLength, maskKey);
    }

    /** As {@link #writeHeader(ByteBuffer, boolean, int, long, byte[])}, with RSV1 set if {@code rsv1} (RFC 7692: compressed). */
    static void writeHeader(ByteBuffer out, boolean fin, boolean rsv1, int opcode, long payloadLength, byte[] maskKey) {
        if (payloadLength < 0) {
            throw new IllegalArgumentException("negative payload length " + payloadLength);
        }
        out.put((byte) ((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | (opcode & 0x0F)));
        int maskBit = maskKey != null ? 0x80 : 0;
        if (payloadLength <= 125) {
            out.put((byte) (maskBit | (int) payloadLength));
        } else if (payloadLength <= 0xFFFF) {
            out.put((byte) (maskBit | 126));
            out.putShort((short) payloadLength);
        } else {
            out.put((byte) (maskBit | 127));
            out.putLong(payloadLength); // RFC 6455 §5.2: most significant bit 0, guaranteed by the sign check
        }
        if (maskKey != null) {
            out.put(maskKey, 0, 4);
        }
    }

    /** Writes one whole frame; the payload's remaining bytes are masked on the way if a key is given. */
    static void writeFrame(ByteBuffer out, boolean fin, int opcode, ByteBuffer payload, byte[] maskKey) {
        int length = payload.remaining();
        writeHeader(out, fin, opcode, length, maskKey);
        int start = out.position();
        out.put(payload);
        if (maskKey != null) {
            mask(out, start, length, maskKey, 0);
        }
    }

    /** The whole frame as an array. */
    static byte[] frame(boolean fin, int opcode, byte[] payload, byte[] maskKey) {
        ByteBuffer out = ByteBuffer.allocate(headerLength(payload.length, maskKey != null) + payload.length);
        writeFrame(out, fin, opcode, ByteBuffer.wrap(payload), maskKey);
        return out.array();
    }

    /**
     * XORs {@code length} bytes starting at absolute index {@code index} with the key, RFC 6455
     * §5.3; {@code keyPhase} is the payload offset of the first byte (mod 4). Masking twice unmasks.
     */
    static void mask(ByteBuffer buf, int index, int length, byte[] maskKey, long keyPhase) {
        int phase = (int) (keyPhase & 3);
        for (int i = 0; i < length; i++) {
            int at = index + i;
            buf.put(at, (byte) (buf.get(at) ^ maskKey[(phase + i) & 3]));
        }
    }

    /** Array form of {@link #mask(ByteBuffer, int, int, byte[], long)}. */
    static void mask(byte[] buf, int offset, int length, byte[] maskKey, long keyPhase) {
        int phase = (int) (keyPhase & 3);
        for (int i = 0; i < length; i++) {
            buf[offset + i] ^= maskKey[(phase + i) & 3];
        }
    }
}
