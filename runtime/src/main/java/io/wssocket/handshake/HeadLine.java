package io.wssocket.handshake;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One line of an HTTP/1.1 message head while it is read: a byte buffer reused from line to line,
 * and the queries the start-line and field-line grammars ask of it. {@link HttpHeadReader} fills
 * it; start-line parsers only read it, and only while it is handed to them.
 */
final class HeadLine {
    private static final byte CR = '\r';

    private byte[] bytes = new byte[128];
    private int length;
    private int wireLength;

    /** Bytes held: before {@link #end()} all read so far, after it the line without its ending. */
    int length() {
        return length;
    }

    /** What the line took on the wire, its line ending included; valid after {@link #end()}. */
    int wireLength() {
        return wireLength;
    }

    byte at(int index) {
        return bytes[index];
    }

    void append(byte b) {
        if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[length++] = b;
    }

    /**
     * The LF that ends the line was read. RFC 9112 §2.2: a line ends with CRLF, and a recipient
     * may accept a bare LF; so a CR right before the LF belongs to the ending, not to the line.
     */
    void end() {
        wireLength = length + 1;
        if (length > 0 && bytes[length - 1] == CR) {
            length--;
        }
    }

    /** Empties the buffer for the next line, keeping its capacity. */
    void clear() {
        length = 0;
        wireLength = 0;
    }

    /** The first index of {@code b} in {@code [from, to)}, or -1. */
    int indexOf(int b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The first index in {@code [from, to)} of a byte a field value or reason phrase may not hold,
     * or -1. RFC 9110 §5.5 and RFC 9112 §4 allow VCHAR, SP, HTAB and obs-text: every other control
     * character (CR, LF and NUL among them) is invalid.
     */
    int indexOfControl(int from, int to) {
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xFF;
            if ((b < 0x20 && b != '\t') || b == 0x7F) {
                return i;
            }
        }
        return -1;
    }

    boolean isDigit(int index) {
        return bytes[index] >= '0' && bytes[index] <= '9';
    }

    /**
     * Whether the 8 bytes at {@code from} are an HTTP-version (RFC 9112 §2.3: "HTTP/" DIGIT "."
     * DIGIT; the name is case-sensitive). The caller makes sure the 8 bytes are there.
     */
    boolean isHttpVersion(int from) {
        return bytes[from] == 'H' && bytes[from + 1] == 'T' && bytes[from + 2] == 'T' && bytes[from + 3] == 'P'
                && bytes[from + 4] == '/' && isDigit(from + 5) && bytes[from + 6] == '.' && isDigit(from + 7);
    }

    /** {@code [from, to)} as US-ASCII; for parts the grammar already restricted to ASCII. */
    String ascii(int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.US_ASCII);
    }

    /** {@code [from, to)} as ISO-8859-1, so that obs-text bytes (RFC 9110 §5.5) survive as they are. */
    String latin1(int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
