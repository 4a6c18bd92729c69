package io.wssocket.bench;

import io.wssocket.bench.jmh.MessageCorpus;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The payload of the echo scenario. Every message is a fixed filler whose head carries the
 * message's sequence number on its connection, then the connection's id, so that an echo that is
 * lost, reordered, duplicated or delivered to the wrong connection fails the byte-for-byte check.
 *
 * <p>Text payloads stay ASCII (the sequence number in hexadecimal) so they are valid UTF-8; binary
 * payloads carry raw big-endian numbers. A payload too short for the whole head carries its first
 * bytes only (the sequence number modulo what fits).
 *
 * <p>JSON payloads ({@link #json(int)}) are what permessage-deflate is measured with: chat messages
 * ({@link MessageCorpus}) that differ from message to message, drawn from a pool by sequence number
 * and connection, each starting {@code {"seq":"<16 hex>","conn":"<8 hex>",} so that the same checks hold.
 */
final class EchoPayload {

    final int size;
    final boolean text;
    /** Bytes of the head taken by the sequence number. */
    final int sequenceLength;
    private final int idLength;
    /** JSON messages, whole, with the head's numbers left as zeros; null unless JSON. */
    private final byte[][] jsonPool;

    private static final String SEQ_KEY = "{\"seq\":\"";
    private static final String CONN_KEY = "\",\"conn\":\"";
    private static final int JSON_HEAD_LENGTH = SEQ_KEY.length() + 16 + CONN_KEY.length() + 8 + 2;
    /** The smallest JSON payload: the head and an empty text. */
    static final int MIN_JSON_SIZE = JSON_HEAD_LENGTH + "\"text\":\"\"}".length();
    /** JSON messages in the pool: enough that with a 32 KiB window most of a 1 KiB+ message is new. */
    private static final int JSON_POOL = 256;

    EchoPayload(int size, boolean text) {
        this(size, text, null);
    }

    private EchoPayload(int size, boolean text, byte[][] jsonPool) {
        this.size = size;
        this.text = text;
        this.sequenceLength = Math.min(size, text ? 16 : 8);
        this.idLength = Math.min(size - sequenceLength, text ? 8 : 4);
        this.jsonPool = jsonPool;
    }

    /** JSON text messages of exactly {@code size} bytes (at least {@link #MIN_JSON_SIZE}). */
    static EchoPayload json(int size) {
        if (size < MIN_JSON_SIZE) {
            throw new IllegalArgumentException("JSON messages need at least " + MIN_JSON_SIZE + " bytes, got " + size);
        }
        SplittableRandom random = new SplittableRandom(0x150_4e_c40L);
        byte[][] pool = new byte[JSON_POOL][];
        String head = SEQ_KEY + "0".repeat(16) + CONN_KEY + "0".repeat(8) + "\",";
        for (int i = 0; i < JSON_POOL; i++) {
            pool[i] = (head + MessageCorpus.chatFields(random, i, size - head.length())).getBytes(StandardCharsets.US_ASCII);
        }
        return new EchoPayload(size, true, pool);
    }

    /** Whether every message is different ({@link #fill}) rather than a template with new sequence bytes. */
    boolean isJson() {
        return jsonPool != null;
    }

    /** Writes the whole JSON payload of message {@code sequence} on connection {@code connectionId} at {@code offset}. */
    void fill(long sequence, int connectionId, byte[] dst, int offset) {
        byte[] body = jsonPool[(int) Math.floorMod(sequence + 31L * connectionId, (long) JSON_POOL)];
        System.arraycopy(body, 0, dst, offset, size);
        HexDigits.write(sequence, dst, offset + SEQ_KEY.length(), 16);
        HexDigits.write(connectionId & 0xFFFFFFFFL, dst, offset + SEQ_KEY.length() + 16 + CONN_KEY.length(), 8);
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
