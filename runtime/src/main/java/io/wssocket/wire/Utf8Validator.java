package io.wssocket.wire;

import java.nio.ByteBuffer;

/**
 * Incremental UTF-8 validation (RFC 3629) that fails at the first byte that cannot start or
 * continue a valid sequence, across any number of chunks (RFC 6455 §8.1: a text message whose
 * bytes are not valid UTF-8 fails the connection). Overlong forms, surrogates and code points
 * above U+10FFFF are rejected.
 *
 * <p>A shift-based automaton: each byte's row in {@link #ROWS} holds the next state of every
 * state, six bits each, and a state is the shift that picks its field; one load and one shift a
 * byte (a table DFA needs two dependent loads), in blocks of 256 bytes checked once.
 * Runs of ASCII at a character boundary are skipped 64 and then 8 bytes at a time (the high bits
 * of whole words; byte order does not matter).
 * One instance per message stream; not thread-safe.
 */
public final class Utf8Validator {
    // The nine states, as shifts: a state's next state for a byte is ROWS[byte] >>> state & 63.
    private static final int ACCEPT = 0;
    private static final int REJECT = 6;
    /** One, two or three continuation bytes (80..BF) to go. */
    private static final int CONT1 = 12;
    private static final int CONT2 = 18;
    private static final int CONT3 = 24;
    /** After E0: A0..BF (no overlong three-byte form). After ED: 80..9F (no surrogate). */
    private static final int AFTER_E0 = 30;
    private static final int AFTER_ED = 36;
    /** After F0: 90..BF (no overlong four-byte form). After F4: 80..8F (nothing above U+10FFFF). */
    private static final int AFTER_F0 = 42;
    private static final int AFTER_F4 = 48;
    private static final long HIGH_BITS = 0x8080808080808080L;
    /**
     * Bytes the automaton takes between two checks for a rejection or a run of ASCII. Long: JDK
     * 17's compiler pays for each short loop (16 KiB of Chinese text: about 1.3 GB/s with blocks of
     * 16 bytes, 2.4 with 256), while ASCII met inside a block costs only a byte a step, not a word.
     */
    private static final int BLOCK = 256;

    /** For each byte, the next state of every state, in the six bits at that state's shift. */
    private static final long[] ROWS = new long[256];

    static {
        for (int b = 0; b < 256; b++) {
            long row = 0;
            for (int state = ACCEPT; state <= AFTER_F4; state += 6) {
                row |= (long) next(state, b) << state;
            }
            ROWS[b] = row;
        }
    }

    private static int next(int state, int b) {
        switch (state) {
            case ACCEPT:
                if (b < 0x80) {
                    return ACCEPT;
                } else if (b >= 0xC2 && b <= 0xDF) {
                    return CONT1;
                } else if (b == 0xE0) {
                    return AFTER_E0;
                } else if (b == 0xED) {
                    return AFTER_ED;
                } else if (b >= 0xE1 && b <= 0xEF) {
                    return CONT2;
                } else if (b == 0xF0) {
                    return AFTER_F0;
                } else if (b == 0xF4) {
                    return AFTER_F4;
                } else if (b >= 0xF1 && b <= 0xF3) {
                    return CONT3;
                }
                return REJECT; // a continuation byte, C0, C1, F5..FF
            case CONT1:
                return continuation(b, 0x80, 0xBF, ACCEPT);
            case CONT2:
                return continuation(b, 0x80, 0xBF, CONT1);
            case CONT3:
                return continuation(b, 0x80, 0xBF, CONT2);
            case AFTER_E0:
                return continuation(b, 0xA0, 0xBF, CONT1);
            case AFTER_ED:
                return continuation(b, 0x80, 0x9F, CONT1);
            case AFTER_F0:
                return continuation(b, 0x90, 0xBF, CONT2);
            case AFTER_F4:
                return continuation(b, 0x80, 0x8F, CONT2);
            default:
                return REJECT; // stays invalid
        }
    }

    private static int continuation(int b, int low, int high, int then) {
        return b >= low && b <= high ? then : REJECT;
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
        if (state == REJECT) {
            return false; // once invalid, the stream stays invalid
        }
        // The state in the low six bits of a long: a long shift uses only the low six bits of its
        // distance, so the next state needs no mask, and a byte costs one load and one shift.
        long s = state;
        int i = from;
        while (i < to) {
            if ((s & 63) == ACCEPT) {
                // At a character boundary: skip a run of ASCII whole words at a time. Only here, so
                // that non-ASCII text tries a word read once a block, not at each character.
                int after = afterAscii(buf, i, to);
                if (after == to) {
                    break;
                }
                i = after;
            }
            // A block through the automaton with no exit inside: REJECT leads only to itself, so
            // one check after the block finds a rejection anywhere in it.
            int end = i + Math.min(BLOCK, to - i);
            for (; i < end; i++) {
                s = ROWS[buf.get(i) & 0xFF] >>> s;
            }
            if ((s & 63) == REJECT) {
                state = REJECT;
                return false;
            }
        }
        state = (int) (s & 63);
        return true;
    }

    /**
     * The index of the first byte from {@code i} that may not be ASCII, skipping whole words of
     * ASCII: 64 bytes a step while they last (the OR of eight words: no exit between them), then 8.
     */
    private static int afterAscii(ByteBuffer buf, int i, int to) {
        while (i + 64 <= to && ((buf.getLong(i) | buf.getLong(i + 8) | buf.getLong(i + 16) | buf.getLong(i + 24)
                | buf.getLong(i + 32) | buf.getLong(i + 40) | buf.getLong(i + 48) | buf.getLong(i + 56))
                & HIGH_BITS) == 0) {
            i += 64;
        }
        while (i + 8 <= to && (buf.getLong(i) & HIGH_BITS) == 0) {
            i += 8;
        }
        return i;
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
