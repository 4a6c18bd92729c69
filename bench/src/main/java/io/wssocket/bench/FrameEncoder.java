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
     * RFC 6455 §5.3 wants a fresh key per frame, as browsers make: the echo driver draws one per
     * message with {@link #nextMaskKey}; control frames and the other drivers' few frames use one
     * per connection.
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
            putNetworkOrder(out, payloadLength, 2);
        } else {
            out.put((byte) (maskBit | 127));
            putNetworkOrder(out, payloadLength, 8); // RFC 6455 §5.2: most significant bit 0, guaranteed by the sign check
        }
        if (maskKey != null) {
            out.put(maskKey, 0, 4);
        }
    }

    /** The lowest {@code bytes} bytes of {@code value}, most significant first, whatever the buffer's order. */
    private static void putNetworkOrder(ByteBuffer out, long value, int bytes) {
        for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
            out.put((byte) (value >>> shift));
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

    /** Fills {@code key} with a fresh random masking key, never all zero (RFC 6455 §5.3: one per frame). */
    static void nextMaskKey(java.util.SplittableRandom random, byte[] key) {
        int k;
        do {
            k = random.nextInt();
        } while (k == 0);
        key[0] = (byte) (k >>> 24);
        key[1] = (byte) (k >>> 16);
        key[2] = (byte) (k >>> 8);
        key[3] = (byte) k;
    }

    /**
     * Appends a whole frame of {@code payload[0, length)} masked with {@code maskKey}: the bytes are
     * copied into {@code out}, then masked there eight at a time (a driver must keep up with the
     * server it measures).
     */
    static void writeMaskedFrame(ByteBuffer out, boolean rsv1, int opcode, byte[] payload, int length, byte[] maskKey) {
        writeHeader(out, true, rsv1, opcode, length, maskKey);
        int start = out.position();
        out.put(payload, 0, length);
        long word = ByteBuffer.wrap(new byte[] {maskKey[0], maskKey[1], maskKey[2], maskKey[3],
            maskKey[0], maskKey[1], maskKey[2], maskKey[3]}).order(out.order()).getLong(0);
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            out.putLong(start + i, out.getLong(start + i) ^ word);
        }
        for (; i < length; i++) {
            out.put(start + i, (byte) (out.get(start + i) ^ maskKey[i & 3]));
        }
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
