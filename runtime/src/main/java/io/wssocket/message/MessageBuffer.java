package io.wssocket.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Gathers the pieces of one message. It holds memory only while a message is arriving: the array
 * grows with the message and is dropped when the message is taken, so an idle session holds none.
 */
public final class MessageBuffer {
    private static final byte[] EMPTY = new byte[0];

    private byte[] bytes = EMPTY;
    private int length;

    /**
     * How far past what has arrived the array may be grown for the bytes the peer announced: four
     * times as much, so that the array is never more than five times the bytes received (doubling
     * alone keeps it within two) while a frame whose first read brought a fifth of it is gathered
     * in one array. Three was one short: a 256 KiB frame's first 64 KiB read holds its 14-byte
     * header too, so 56 bytes less than a quarter of the payload had arrived, and the payload went
     * through an array of 64 KiB first.
     */
    static final int ANNOUNCED_AHEAD_FACTOR = 4;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    /**
     * Appends the chunk's remaining bytes without moving its position. When the array must grow:
     * the message's last chunk makes it exactly the message's size (no copy to trim it when the
     * message is taken); else it grows to hold the bytes the peer {@code announced} beyond this
     * chunk (the rest of the frame its header declared) when they are at most
     * {@value #ANNOUNCED_AHEAD_FACTOR} times what has arrived, so that a 256 KiB frame read in 64 KiB
     * pieces is copied into one array once, not through arrays of 64 and 128 KiB first; otherwise
     * it doubles. A peer that announces more than it sends makes the array at most five times what
     * it sent.
     *
     * @param announced bytes the peer declared beyond this chunk; 0 when unknown
     */
    public void append(ByteBuffer chunk, boolean last, long announced) {
        int n = chunk.remaining();
        int needed = length + n;
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, last ? needed : grownSize(needed, announced));
        }
        chunk.get(chunk.position(), bytes, length, n);
        length = needed;
    }

    private int grownSize(int needed, long announced) {
        if (announced > 0 && announced <= (long) ANNOUNCED_AHEAD_FACTOR * needed) {
            return (int) Math.min(MAX_ARRAY, needed + announced);
        }
        return Math.max(needed, Math.min(MAX_ARRAY, Math.max(256, bytes.length * 2)));
    }

    public int length() {
        return length;
    }

    /** The array's size: what the buffer holds, arrived or not. */
    int capacity() {
        return bytes.length;
    }

    /** The whole text (already validated as UTF-8 by the wire layer); the buffer is emptied. */
    public String takeText() {
        String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
        clear();
        return text;
    }

    /** The whole message as a heap buffer of exactly its size; the buffer is emptied. */
    public byte[] takeBytes() {
        byte[] out = bytes.length == length ? bytes : Arrays.copyOf(bytes, length);
        clear();
        return out;
    }

    public void clear() {
        bytes = EMPTY;
        length = 0;
    }

    /**
     * A text message that arrived whole in one chunk needs no gathering. Its bytes pass through
     * {@code scratch} when they fit (the String copies them anyway), so decoding allocates only the
     * String; {@code scratch} must belong to the calling thread.
     */
    public static String text(ByteBuffer chunk, byte[] scratch) {
        int n = chunk.remaining();
        byte[] b = n <= scratch.length ? scratch : new byte[n];
        chunk.get(chunk.position(), b, 0, n);
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    public static byte[] bytes(ByteBuffer chunk) {
        byte[] b = new byte[chunk.remaining()];
        chunk.get(chunk.position(), b);
        return b;
    }
}
