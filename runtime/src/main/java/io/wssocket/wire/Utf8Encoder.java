package io.wssocket.wire;

/**
 * Encodes a string as UTF-8 (RFC 3629) straight into a caller's array, so that a text frame is
 * built with one allocation instead of an encoded copy and then the frame. The bytes are those of
 * {@code String.getBytes(UTF_8)}: an unpaired surrogate becomes {@code '?'}.
 */
final class Utf8Encoder {
    private Utf8Encoder() {
    }

    /** The number of bytes {@link #encode} writes for {@code text}. */
    public static int encodedLength(String text) {
        int n = text.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 2; // four bytes for the pair's two chars
                i++;
            } else if (Character.isSurrogate(c)) {
                continue; // unpaired: one '?'
            } else {
                bytes += 2;
            }
        }
        return bytes;
    }

    /** Writes {@code text} at {@code offset}; returns the offset after the last byte written. */
    public static int encode(String text, byte[] out, int offset) {
        int n = text.length();
        int p = offset;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out[p++] = (byte) c;
            } else if (c < 0x800) {
                out[p++] = (byte) (0xC0 | c >> 6);
                out[p++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                out[p++] = (byte) (0xF0 | cp >> 18);
                out[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                out[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                out[p++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                out[p++] = '?';
            } else {
                out[p++] = (byte) (0xE0 | c >> 12);
                out[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[p++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return p;
    }
}
