package io.wssocket.hazelcast;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;

/**
 * A message as it travels in the ring buffer: the publishing node's id (16 bytes) and its number
 * for the message (8 bytes, from 0 up), then the runtime's bytes. The numbers let the receivers
 * drop a message stored twice ({@link RepeatFilter}).
 */
final class Numbered {
    static final int HEADER = 24;

    private Numbered() {
    }

    static byte[] wrap(UUID publisher, long number, byte[] payload) {
        byte[] bytes = new byte[HEADER + payload.length];
        ByteBuffer.wrap(bytes).putLong(publisher.getMostSignificantBits())
                .putLong(publisher.getLeastSignificantBits()).putLong(number).put(payload);
        return bytes;
    }

    static boolean isWellFormed(byte[] bytes) {
        return bytes.length >= HEADER;
    }

    static UUID publisher(byte[] bytes) {
        ByteBuffer header = ByteBuffer.wrap(bytes);
        return new UUID(header.getLong(0), header.getLong(8));
    }

    static long number(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong(16);
    }

    static byte[] payload(byte[] bytes) {
        return Arrays.copyOfRange(bytes, HEADER, bytes.length);
    }
}
