package io.wssocket.bench;

/**
 * The payload of the echo scenario. Every message is a fixed filler whose head carries the
 * message's sequence number on its connection, then the connection's id, so that an echo that is
 * lost, reordered, duplicated or delivered to the wrong connection fails the byte-for-byte check.
 *
 * <p>Text payloads stay ASCII (the sequence number in hexadecimal) so they are valid UTF-8; binary
 * payloads carry raw big-endian numbers. A payload too short for the whole head carries its first
 * bytes only (the sequence number modulo what fits).
 */
final class EchoPayload {

    final int size;
    final boolean text;
    /** Bytes of the head taken by the sequence number. */
    final int sequenceLength;
    private final int idLength;

    EchoPayload(int size, boolean text) {
        this.size = size;
        this.text = text;
        this.sequenceLength = Math.min(size, text ? 16 : 8);
        this.idLength = Math.min(size - sequenceLength, text ? 8 : 4);
    }

    /** The payload of message 0 on connection {@code connectionId}; later ones differ only in the sequence bytes. */
    byte[] template(int connectionId) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = text ? (byte) ('a' + i % 26) : (byte) (i * 31 + 7);
        }
        writeNumber(connectionId & 0xFFFFFFFFL, b, sequenceLength, idLength);
        writeSequence(0, b, 0);
        return b;
    }

    /** Writes message {@code sequence}'s sequence bytes ({@link #sequenceLength} of them) at {@code offset}. */
    void writeSequence(long sequence, byte[] dst, int offset) {
        writeNumber(sequence, dst, offset, sequenceLength);
    }

    private void writeNumber(long value, byte[] dst, int offset, int length) {
        if (text) {
            HexDigits.write(value, dst, offset, length);
        } else {
            for (int i = length - 1; i >= 0; i--) {
                dst[offset + i] = (byte) value;
                value >>>= 8;
            }
        }
    }
}
