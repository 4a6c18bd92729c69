package io.wssocket.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link Utf8Validator} against the JDK's strict decoder on every sequence of one and two bytes,
 * every three-byte sequence that starts with a non-ASCII byte, and every four-byte sequence that
 * starts like a four-byte character (F0..F4, two continuation bytes): each lead byte with each
 * byte that may follow it, whatever the automaton's state. And the ASCII skipping (64, then 8
 * bytes a step) finds a bad byte or a character at every position of a long run.
 */
class Utf8ValidatorExhaustiveTest {

    @Test
    void everyOneAndTwoByteSequenceIsJudgedAsTheJdkJudgesIt() {
        for (int a = 0; a < 256; a++) {
            assertSameVerdict(new byte[] {(byte) a});
            for (int b = 0; b < 256; b++) {
                assertSameVerdict(new byte[] {(byte) a, (byte) b});
            }
        }
    }

    @Test
    void everyThreeByteSequenceStartingWithANonAsciiByteIsJudgedAsTheJdkJudgesIt() {
        byte[] bytes = new byte[3];
        for (int a = 0x80; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                for (int c = 0; c < 256; c++) {
                    bytes[0] = (byte) a;
                    bytes[1] = (byte) b;
                    bytes[2] = (byte) c;
                    assertSameVerdict(bytes);
                }
            }
        }
    }

    @Test
    void everyFourByteSequenceStartingLikeAFourByteCharacterIsJudgedAsTheJdkJudgesIt() {
        byte[] bytes = new byte[4];
        for (int a = 0xF0; a <= 0xF4; a++) {
            for (int b = 0x80; b <= 0xBF; b++) {
                for (int c = 0x80; c <= 0xBF; c++) {
                    for (int d = 0; d < 256; d++) {
                        bytes[0] = (byte) a;
                        bytes[1] = (byte) b;
                        bytes[2] = (byte) c;
                        bytes[3] = (byte) d;
                        assertSameVerdict(bytes);
                    }
                }
            }
        }
    }

    @Test
    void theAsciiSkippingFindsABadByteAtEveryPositionOfALongRun() {
        for (int offset = 0; offset < 8; offset++) {
            for (int position = 0; position < 200; position++) {
                byte[] b = new byte[offset + 200];
                Arrays.fill(b, (byte) 'x');
                b[offset + position] = (byte) 0xBF; // a continuation byte with nothing to continue
                assertThat(new Utf8Validator().validate(ByteBuffer.wrap(b), offset, b.length))
                        .as("offset %d, bad byte at %d", offset, position).isFalse();
            }
        }
    }

    @Test
    void theAutomatonsBlocksFindABadByteAtEveryPositionOfALongNonAsciiRun() {
        // Two- and three-byte characters, so that the blocks (checked once at their end) start and
        // end inside characters; the bad byte is a lone lead byte (C3 then no continuation) at each position.
        byte[] run = "\u00e9\u4e2d\u0436\u00e9\u4e2d".repeat(60).getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8Validator.isValid(ByteBuffer.wrap(run))).isTrue();
        for (int position = 0; position < run.length; position++) {
            byte[] b = run.clone();
            boolean continuation = (b[position] & 0xC0) == 0x80;
            b[position] = continuation ? (byte) 'x' : (byte) 0xBF; // a character cut short, or a stray continuation
            Utf8Validator v = new Utf8Validator();
            assertThat(v.validate(ByteBuffer.wrap(b), 0, b.length)).as("bad byte at %d", position).isFalse();
            assertThat(v.isInvalid()).isTrue();
            assertThat(v.validate(ByteBuffer.wrap(run), 0, run.length)).as("stays invalid").isFalse();
        }
    }

    @Test
    void theAsciiSkippingHandsACharacterAtEveryPositionOfALongRunToTheAutomaton() {
        byte[] emoji = "\uD83D\uDE00".getBytes(StandardCharsets.UTF_8);
        for (int position = 0; position <= 196; position++) {
            byte[] b = new byte[200];
            Arrays.fill(b, (byte) 'x');
            System.arraycopy(emoji, 0, b, position, emoji.length);
            Utf8Validator whole = new Utf8Validator();
            assertThat(whole.validate(ByteBuffer.wrap(b), 0, b.length) && whole.isComplete())
                    .as("character at %d", position).isTrue();
            // Its last byte replaced by ASCII: the character is cut short, which must fail.
            b[position + 3] = 'x';
            assertThat(new Utf8Validator().validate(ByteBuffer.wrap(b), 0, b.length)).as("cut at %d", position).isFalse();
        }
    }

    /**
     * Compared with the JDK's String decoding, which replaces every malformed sequence with
     * U+FFFD (EF BF BD) and so gives back the same bytes exactly when they were valid; many times
     * faster than a decoder that reports by exception (seconds instead of minutes here), which
     * ({@link Utf8Reference#jdkAccepts}) judges wherever the two disagree and where EF BF BD was given.
     */
    private static void assertSameVerdict(byte[] bytes) {
        Utf8Validator v = new Utf8Validator();
        boolean valid = v.validate(ByteBuffer.wrap(bytes), 0, bytes.length) && v.isComplete();
        boolean jdk = Arrays.equals(new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8), bytes);
        if (valid != jdk || (valid && bytes[0] == (byte) 0xEF)) {
            assertThat(valid).as("verdict on %s", hex(bytes)).isEqualTo(Utf8Reference.jdkAccepts(bytes));
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(String.format("%02X ", b & 0xFF));
        }
        return text.toString().trim();
    }
}
