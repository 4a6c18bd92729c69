package io.wssocket.interop;

import static org.assertj.core.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Message contents for interop cases: reproducible, sized in wire bytes, and compared byte for byte. */
final class InteropPayloads {
    static final int KIB = 1024;
    static final int MIB = 1024 * KIB;

    private InteropPayloads() {
    }

    /**
     * Text of exactly {@code utf8Length} bytes in UTF-8, mixing characters of one to four bytes
     * (so surrogate pairs too), the same for the same length.
     */
    static String text(int utf8Length) {
        Random random = new Random(utf8Length);
        StringBuilder text = new StringBuilder(utf8Length);
        int left = utf8Length;
        while (left > 0) {
            int width = 1 + random.nextInt(Math.min(4, left));
            text.appendCodePoint(codePoint(random, width));
            left -= width;
        }
        return text.toString();
    }

    private static int codePoint(Random random, int utf8Width) {
        switch (utf8Width) {
            case 1:
                return random.nextInt(0x80);
            case 2:
                return 0x80 + random.nextInt(0x800 - 0x80);
            case 3:
                // U+0800..U+FFFF without the surrogate range, which UTF-8 cannot carry (RFC 3629 §3).
                int bmp = 0x800 + random.nextInt(0x10000 - 0x800 - 0x800);
                return bmp < 0xD800 ? bmp : bmp + 0x800;
            default:
                return 0x10000 + random.nextInt(0x110000 - 0x10000);
        }
    }

    /**
     * Text of exactly {@code utf8Length} bytes in UTF-8 that compresses as chat and ticker
     * traffic does: JSON-like records that repeat their keys and vary their values, with a few
     * characters beyond ASCII; the same for the same length.
     */
    static String compressibleText(int utf8Length) {
        Random random = new Random(utf8Length);
        StringBuilder text = new StringBuilder(utf8Length);
        int length = 0;
        for (int seq = 0; ; seq++) {
            String record = "{\"seq\":" + seq + ",\"user\":\"user-" + random.nextInt(20) + "\",\"price\":"
                    + (100 + random.nextInt(50)) + "." + random.nextInt(100) + ",\"text\":\"héllo wörld ✓\"}\n";
            int recordLength = record.getBytes(StandardCharsets.UTF_8).length;
            if (length + recordLength > utf8Length) {
                return text.append(" ".repeat(utf8Length - length)).toString();
            }
            text.append(record);
            length += recordLength;
        }
    }

    /** The payload of a compressible message of {@code length} bytes: {@link #compressibleText}'s UTF-8, for binary too. */
    static byte[] compressible(int length) {
        return compressibleText(length).getBytes(StandardCharsets.UTF_8);
    }

    /** Random bytes, the same for the same length. */
    static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        new Random(~length).nextBytes(bytes);
        return bytes;
    }

    /** The message's wire payload: UTF-8 for text. */
    static byte[] payload(MessageType type, int length) {
        return type == MessageType.TEXT ? text(length).getBytes(StandardCharsets.UTF_8) : bytes(length);
    }

    /** {@code text} in {@code parts} pieces of about equal length, never splitting a surrogate pair. */
    static List<String> split(String text, int parts) {
        List<String> pieces = new ArrayList<>(parts);
        int start = 0;
        for (int i = 1; i <= parts; i++) {
            int end = i == parts ? text.length() : Math.max(start, text.length() * i / parts);
            if (end > 0 && end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
                end++;
            }
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }

    /** {@code bytes} in {@code parts} slices of about equal length. */
    static List<ByteBuffer> split(byte[] bytes, int parts) {
        List<ByteBuffer> pieces = new ArrayList<>(parts);
        int start = 0;
        for (int i = 1; i <= parts; i++) {
            int end = bytes.length * i / parts;
            pieces.add(ByteBuffer.wrap(bytes, start, end - start).slice());
            start = end;
        }
        return pieces;
    }

    /** {@code ByteBuffer}'s remaining bytes, without moving it. */
    static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(buffer.position(), bytes);
        return bytes;
    }

    /** Fails with lengths, digests and the first differing offset rather than dumping megabytes. */
    static void assertSameBytes(byte[] expected, byte[] actual) {
        if (!Arrays.equals(expected, actual)) {
            fail("expected " + expected.length + " bytes (SHA-256 " + sha256(expected) + ") but got "
                    + actual.length + " bytes (SHA-256 " + sha256(actual) + "); first difference at offset "
                    + Arrays.mismatch(expected, actual));
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
