package io.wssocket.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the UTF-8 pieces of one text message, for a partial handler, into strings of whole
 * characters: a character split between pieces is carried over to the next (RFC 6455 §5.6
 * validates the message, not each frame). The input has been validated already.
 */
public final class TextPieceDecoder {
    private final byte[] carry = new byte[3];
    private int carried;

    /** The piece's characters, with those carried over in front; the last piece carries nothing over. */
    public String decode(ByteBuffer chunk, boolean last) {
        int n = chunk.remaining();
        byte[] bytes = new byte[carried + n];
        System.arraycopy(carry, 0, bytes, 0, carried);
        chunk.get(chunk.position(), bytes, carried, n);
        int end = last ? bytes.length : completeLength(bytes);
        carried = bytes.length - end;
        System.arraycopy(bytes, end, carry, 0, carried);
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    /** Length of the prefix that ends on a character boundary (input already validated). */
    private static int completeLength(byte[] b) {
        for (int back = 1; back <= Math.min(3, b.length); back++) {
            int lead = b[b.length - back] & 0xFF;
            if (lead < 0x80) {
                return b.length; // ASCII: boundary
            }
            if (lead >= 0xC0) {
                int size = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
                return size > back ? b.length - back : b.length;
            }
        }
        return b.length;
    }
}
