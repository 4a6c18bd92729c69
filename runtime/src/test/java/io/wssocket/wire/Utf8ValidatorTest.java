package io.wssocket.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 3629 UTF-8 as RFC 6455 §8.1 needs it: incremental, strict, failing at the first bad byte. */
class Utf8ValidatorTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static boolean wholeIsValid(byte[] b) {
        return Utf8Validator.isValid(ByteBuffer.wrap(b));
    }

    @Test
    void acceptsAsciiAndTwoThreeAndFourByteCharacters() {
        assertThat(wholeIsValid("hello, world".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(wholeIsValid("h\u00e9llo \u00df".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(wholeIsValid("\u20ac \u4e2d\u6587".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(wholeIsValid("\uD83D\uDE00 \uD834\uDD1E".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(wholeIsValid(new byte[0])).isTrue();
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(ints = {0x0000, 0x007F, 0x0080, 0x07FF, 0x0800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF})
    void acceptsEveryEncodingBoundary(int codePoint) {
        byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);

        assertThat(wholeIsValid(encoded)).isTrue();
    }

    @Test
    void boundaryCharactersHaveTheExpectedLengths() {
        // Guards the test above: each boundary really is the last or first of its length class.
        assertThat(utf8Length(0x7F)).isEqualTo(1);
        assertThat(utf8Length(0x80)).isEqualTo(2);
        assertThat(utf8Length(0x7FF)).isEqualTo(2);
        assertThat(utf8Length(0x800)).isEqualTo(3);
        assertThat(utf8Length(0xFFFF)).isEqualTo(3);
        assertThat(utf8Length(0x10000)).isEqualTo(4);
        assertThat(utf8Length(0x10FFFF)).isEqualTo(4);
    }

    private static int utf8Length(int codePoint) {
        return new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void rejectsOverlongForms() {
        assertThat(wholeIsValid(bytes(0xC0, 0x80))).as("C0 80 (overlong NUL)").isFalse();
        assertThat(wholeIsValid(bytes(0xC1, 0xBF))).as("C1 BF").isFalse();
        assertThat(wholeIsValid(bytes(0xE0, 0x80, 0x80))).as("E0 80 80").isFalse();
        assertThat(wholeIsValid(bytes(0xE0, 0x9F, 0xBF))).as("E0 9F BF (overlong U+07FF)").isFalse();
        assertThat(wholeIsValid(bytes(0xF0, 0x80, 0x80, 0x80))).as("F0 80 80 80").isFalse();
        assertThat(wholeIsValid(bytes(0xF0, 0x8F, 0xBF, 0xBF))).as("F0 8F BF BF (overlong U+FFFF)").isFalse();
    }

    @Test
    void rejectsEncodedSurrogates() {
        assertThat(wholeIsValid(bytes(0xED, 0xA0, 0x80))).as("U+D800").isFalse();
        assertThat(wholeIsValid(bytes(0xED, 0xBF, 0xBF))).as("U+DFFF").isFalse();
        assertThat(wholeIsValid(bytes(0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80))).as("a CESU-8 pair").isFalse();
        assertThat(wholeIsValid(bytes(0xED, 0x9F, 0xBF))).as("U+D7FF is fine").isTrue();
    }

    @Test
    void rejectsCodePointsAboveU10FFFF() {
        assertThat(wholeIsValid(bytes(0xF4, 0x90, 0x80, 0x80))).isFalse();
        assertThat(wholeIsValid(bytes(0xF4, 0x8F, 0xBF, 0xBF))).as("U+10FFFF is fine").isTrue();
    }

    @Test
    void rejectsLeadBytesF5ToFf() {
        for (int lead = 0xF5; lead <= 0xFF; lead++) {
            assertThat(new Utf8Validator().validate(bytes(lead), 0, 1)).as("lead byte %02X", lead).isFalse();
            assertThat(wholeIsValid(bytes(lead, 0x80, 0x80, 0x80))).as("%02X 80 80 80", lead).isFalse();
        }
    }

    @Test
    void rejectsLoneContinuationBytes() {
        for (int b = 0x80; b <= 0xBF; b++) {
            assertThat(wholeIsValid(bytes(b))).as("%02X alone", b).isFalse();
            assertThat(wholeIsValid(bytes('a', b))).as("a %02X", b).isFalse();
        }
        assertThat(wholeIsValid(bytes(0xC3, 0xA9, 0xA9))).as("one continuation too many").isFalse();
    }

    @Test
    void aSequenceCutShortAtTheEndIsValidSoFarButNotComplete() {
        for (byte[] cut : new byte[][] {bytes(0xC3), bytes(0xE2, 0x82), bytes(0xE2), bytes(0xF0, 0x9F, 0x98), bytes(0xF0)}) {
            Utf8Validator v = new Utf8Validator();

            assertThat(v.validate(cut, 0, cut.length)).as(Arrays.toString(cut)).isTrue();
            assertThat(v.isComplete()).isFalse();
            assertThat(v.isInvalid()).isFalse();
            assertThat(wholeIsValid(cut)).isFalse();
        }
    }

    @Test
    void aTruncatedSequenceFollowedByAsciiFails() {
        assertThat(wholeIsValid(bytes(0xE2, 0x82, 'a'))).isFalse();
        assertThat(wholeIsValid(bytes(0xF0, 0x9F, 0x98, 'a'))).isFalse();
    }

    @Test
    void failsInTheChunkThatHoldsTheFirstBadByte() {
        Utf8Validator v = new Utf8Validator();
        byte[] good = "valid prefix \u00e9\u20ac".getBytes(StandardCharsets.UTF_8);

        assertThat(v.validate(good, 0, good.length)).isTrue();
        assertThat(v.validate(bytes('o', 'k', 0xC0, 0x80), 0, 4)).isFalse();
        assertThat(v.isInvalid()).isTrue();
        assertThat(v.isComplete()).isFalse();
    }

    @Test
    void failsAtTheBadByteNotBefore() {
        // The chunk ends just before the bad byte: still fine. The next byte is the failure.
        byte[] b = bytes(0xE2, 0x82, 0xAC, 'x', 0xE0, 0x9F);
        Utf8Validator v = new Utf8Validator();

        assertThat(v.validate(b, 0, 5)).as("up to the E0 lead").isTrue();
        assertThat(v.validate(b, 5, 6)).as("9F after E0 is overlong").isFalse();
    }

    @Test
    void staysInvalidForLaterChunks() {
        Utf8Validator v = new Utf8Validator();
        v.validate(bytes(0xFF), 0, 1);

        assertThat(v.validate(bytes('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'), 0, 9)).isFalse();
        assertThat(v.isInvalid()).isTrue();
    }

    @Test
    void resetForgetsEarlierInput() {
        Utf8Validator v = new Utf8Validator();
        v.validate(bytes(0xFF), 0, 1);
        v.reset();

        assertThat(v.isInvalid()).isFalse();
        assertThat(v.validate(bytes('a'), 0, 1)).isTrue();
        assertThat(v.isComplete()).isTrue();
    }

    @Test
    void validatesCharactersSplitAcrossChunksAtEveryByte() {
        byte[] b = "a\u00e9\u20ac\uD83D\uDE00z".getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= b.length; cut++) {
            Utf8Validator v = new Utf8Validator();

            assertThat(v.validate(b, 0, cut)).as("first part, cut %d", cut).isTrue();
            assertThat(v.validate(b, cut, b.length)).as("second part, cut %d", cut).isTrue();
            assertThat(v.isComplete()).as("cut %d", cut).isTrue();
        }
    }

    @Test
    void validatesAFourByteCharacterFedOneByteAtATime() {
        byte[] b = "\uD83D\uDE00".getBytes(StandardCharsets.UTF_8);
        Utf8Validator v = new Utf8Validator();
        for (int i = 0; i < b.length; i++) {
            assertThat(v.validate(b, i, i + 1)).isTrue();
            assertThat(v.isComplete()).as("after byte %d", i).isEqualTo(i == b.length - 1);
        }
    }

    @Test
    void detectsABadContinuationInTheNextChunk() {
        Utf8Validator v = new Utf8Validator();

        assertThat(v.validate(bytes('a', 0xED), 0, 2)).isTrue();
        assertThat(v.validate(bytes(0xA0, 0x80), 0, 2)).as("surrogate completed in a later chunk").isFalse();
    }

    @Test
    void validatesOnlyBetweenPositionAndLimitAndLeavesThePositionAlone() {
        ByteBuffer buf = ByteBuffer.wrap(bytes(0xFF, 'a', 'b', 0xFF)).position(1).limit(3);
        Utf8Validator v = new Utf8Validator();

        assertThat(v.validate(buf)).isTrue();
        assertThat(buf.position()).isEqualTo(1);
        assertThat(buf.limit()).isEqualTo(3);
    }

    @ParameterizedTest(name = "bad byte at {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
    void theAsciiFastPathFindsABadByteAtEveryPosition(int position) {
        for (int length = position + 1; length <= 24; length++) {
            byte[] b = new byte[length];
            Arrays.fill(b, (byte) 'x');
            b[position] = (byte) 0x80;

            assertThat(wholeIsValid(b)).as("length %d", length).isFalse();
            assertThat(new Utf8Validator().validate(ByteBuffer.wrap(b), 0, length)).isFalse();
            // The same with the range starting off an eight-byte alignment.
            byte[] shifted = new byte[length + 3];
            Arrays.fill(shifted, (byte) 'y');
            System.arraycopy(b, 0, shifted, 3, length);
            assertThat(new Utf8Validator().validate(shifted, 3, length + 3)).as("shifted, length %d", length).isFalse();
        }
    }

    @ParameterizedTest(name = "character at {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
    void theAsciiFastPathHandsMultiByteCharactersAtEveryPositionToTheStateMachine(int position) {
        byte[] euro = "\u20ac".getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[24];
        Arrays.fill(b, (byte) 'x');
        System.arraycopy(euro, 0, b, position, euro.length);

        assertThat(wholeIsValid(b)).isTrue();
        // Cut the euro sign short: whatever follows is ASCII, so it must fail.
        byte[] truncated = b.clone();
        truncated[position + 2] = 'x';
        assertThat(wholeIsValid(truncated)).isFalse();
    }

    @Test
    void theFastPathWorksInDirectAndLittleEndianBuffers() {
        byte[] b = new byte[40];
        Arrays.fill(b, (byte) 'q');
        b[37] = (byte) 0xC3;
        b[38] = (byte) 0xA9;
        ByteBuffer direct = ByteBuffer.allocateDirect(40).put(b).flip();
        ByteBuffer little = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(Utf8Validator.isValid(direct)).isTrue();
        assertThat(Utf8Validator.isValid(little)).isTrue();
        b[20] = (byte) 0xFE;
        assertThat(Utf8Validator.isValid(ByteBuffer.allocateDirect(40).put(b).flip())).isFalse();
        assertThat(Utf8Validator.isValid(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN))).isFalse();
    }
}
