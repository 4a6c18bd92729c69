package io.wssocket.wire;

import java.nio.ByteBuffer;

/**
 * Incremental UTF-8 validation (RFC 3629) that fails at the first byte that cannot start or
 * continue a valid sequence, across any number of chunks (RFC 6455 §8.1: a text message whose
 * bytes are not valid UTF-8 fails the connection). Overlong forms, surrogates and code points
 * above U+10FFFF are rejected.
 *
 * <p>A DFA in the style of Björn Höhrmann's decoder, with an eight-bytes-at-a-time ASCII path.
 * One instance per message stream; not thread-safe.
 */
public final class Utf8Validator {
    private static final int ACCEPT = 0;
    private static final int REJECT = 12;
    private static final long HIGH_BITS = 0x8080808080808080L;

    /** Byte to character class. */
    private static final byte[] CLASS = new byte[256];
    /** (state + class) to next state. */
    private static final byte[] TRANSITION = {
        0, 12, 24, 36, 60, 96, 84, 12, 12, 12, 48, 72, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12,
        12, 0, 12, 12, 12, 12, 12, 0, 12, 0, 12, 12, 12, 24, 12, 12, 12, 12, 12, 24, 12, 24, 12, 12,
        12, 12, 12, 12, 12, 12, 12, 24, 12, 12, 12, 12, 12, 24, 12, 12, 12, 12, 12, 12, 12, 24, 12, 12,
        12, 12, 12, 12, 12, 12, 12, 36, 12, 36, 12, 12, 12, 36, 12, 12, 12, 12, 12, 36, 12, 36, 12, 12,
        12, 36, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12,
    };

    static {
        for (int b = 0x80; b <= 0x8F; b++) {
            CLASS[b] = 1;
        }
        for (int b = 0x90; b <= 0x9F; b++) {
            CLASS[b] = 9;
        }
        for (int b = 0xA0; b <= 0xBF; b++) {
            CLASS[b] = 7;
        }
        CLASS[0xC0] = 8;
        CLASS[0xC1] = 8;
        for (int b = 0xC2; b <= 0xDF; b++) {
            CLASS[b] = 2;
        }
        CLASS[0xE0] = 10;
        for (int b = 0xE1; b <= 0xEF; b++) {
            CLASS[b] = 3;
        }
        CLASS[0xED] = 4;
        CLASS[0xF0] = 11;
        for (int b = 0xF1; b <= 0xF3; b++) {
            CLASS[b] = 6;
        }
        CLASS[0xF4] = 5;
        for (int b = 0xF5; b <= 0xFF; b++) {
            CLASS[b] = 8;
        }
    }

    private int state = ACCEPT;

    /**
     * Validates the bytes between the buffer's position and limit, continuing from earlier
     * chunks. The buffer's position is not changed.
     *
     * @return false as soon as a byte makes the stream invalid; the validator then stays invalid
     */
    public boolean validate(ByteBuffer buf) {
        return validate(buf, buf.position(), buf.limit());
    }

    /** Validates {@code buf[from, to)} by absolute index; see {@link #validate(ByteBuffer)}. */
    public boolean validate(ByteBuffer buf, int from, int to) {
        int s = state;
        if (s == REJECT) {
            return false; // once invalid, the stream stays invalid
        }
        int i = from;
        while (i < to) {
            if (s == ACCEPT) {
                // Fast path: whole words of ASCII need no state change.
                while (i + 8 <= to && (buf.getLong(i) & HIGH_BITS) == 0) {
                    i += 8;
                }
                if (i == to) {
                    break;
                }
            }
            s = TRANSITION[s + CLASS[buf.get(i) & 0xFF]];
            if (s == REJECT) {
                state = REJECT;
                return false;
            }
            i++;
        }
        state = s;
        return true;
    }

    /** Validates a byte array range; see {@link #validate(ByteBuffer)}. */
    public boolean validate(byte[] bytes, int from, int to) {
        return validate(ByteBuffer.wrap(bytes), from, to);
    }

    /** Whether the bytes seen so far end on a character boundary and were all valid. */
    public boolean isComplete() {
        return state == ACCEPT;
    }

    public boolean isInvalid() {
        return state == REJECT;
    }

    public void reset() {
        state = ACCEPT;
    }

    /** One-shot check of a whole byte sequence. */
    public static boolean isValid(ByteBuffer whole) {
        Utf8Validator v = new Utf8Validator();
        return v.validate(whole) && v.isComplete();
    }
}
