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

    /** Appends the chunk's remaining bytes without moving its position; more may follow. */
    public void append(ByteBuffer chunk) {
        append(chunk, false);
    }

    /**
     * Appends the chunk's remaining bytes without moving its position. The message's last chunk
     * makes the array exactly the message's size when it must grow: no doubling past the end, and
     * no copy to trim it when the message is taken (a 16 KiB message split over two reads is then
     * copied once more than a whole one, not three times).
     */
    public void append(ByteBuffer chunk, boolean last) {
        int n = chunk.remaining();
        if (length + n > bytes.length) {
            int size = last ? length + n
                    : Math.max(length + n, Math.min(Integer.MAX_VALUE - 8, Math.max(256, bytes.length * 2)));
            bytes = Arrays.copyOf(bytes, size);
        }
        chunk.get(chunk.position(), bytes, length, n);
        length += n;
    }

    public int length() {
        return length;
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
