package io.wssocket.bench;

/**
 * The text payload of the broadcast scenarios: the message's sequence number and the sender's
 * {@link System#nanoTime()} at the send, 16 hexadecimal digits each, then a fixed filler up to
 * the message size. Receivers run in the sender's process, so the time needs no clock sync.
 */
final class BroadcastPayload {

    static final int HEAD = 32;
    private static final int DIGITS = 16;

    private BroadcastPayload() {
    }

    /** A payload of {@code size} bytes (at least {@link #HEAD}) with the filler; the head is set per message. */
    static byte[] template(int size) {
        if (size < HEAD) {
            throw new IllegalArgumentException("broadcast messages need at least " + HEAD + " bytes, got " + size);
        }
        byte[] b = new byte[size];
        for (int i = HEAD; i < size; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        writeHead(b, 0, 0);
        return b;
    }

    static void writeHead(byte[] payload, long sequence, long sentNanos) {
        HexDigits.write(sequence, payload, 0, DIGITS);
        HexDigits.write(sentNanos, payload, DIGITS, DIGITS);
    }

    /** The sequence number in a received head, or -1 if the head is malformed. */
    static long sequence(byte[] head) {
        return HexDigits.parse(head, 0, DIGITS);
    }

    /** The send time in a received head; only meaningful if {@link #sequence} was not -1. */
    static long sentNanos(byte[] head) {
        return HexDigits.parse(head, DIGITS, DIGITS);
    }
}
