package io.wssocket.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The validator agrees with the JDK's strict UTF-8 decoder on any bytes, however they are split,
 * and accepts the encoding of any sequence of code points.
 */
class Utf8ValidatorProperties {

    @Property(tries = 1000)
    void agreesWithTheStrictJdkDecoderForAnySplit(
            @ForAll("utf8ishBytes") byte[] bytes,
            @ForAll @Size(max = 6) List<@IntRange(min = 0, max = 40) Integer> cuts) {
        boolean expected = Utf8Reference.jdkAccepts(bytes);

        assertThat(validateInChunks(bytes, cuts)).isEqualTo(expected);
    }

    @Property(tries = 300)
    void agreesWithTheStrictJdkDecoderAtEveryTwoChunkSplit(@ForAll("utf8ishBytes") byte[] bytes) {
        boolean expected = Utf8Reference.jdkAccepts(bytes);

        for (int cut = 0; cut <= bytes.length; cut++) {
            assertThat(validateInChunks(bytes, List.of(cut))).as("cut at %d", cut).isEqualTo(expected);
        }
    }

    @Property(tries = 500)
    void acceptsTheEncodingOfAnyCodePointsSplitAnywhere(
            @ForAll("codePointStrings") String text,
            @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 64) Integer> cuts) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

        assertThat(validateInChunks(bytes, cuts)).isTrue();
        for (int cut = 0; cut <= bytes.length; cut++) {
            assertThat(validateInChunks(bytes, List.of(cut))).as("cut at %d", cut).isTrue();
        }
    }

    @Property(tries = 500)
    void aFailureNeverComesBeforeTheFirstInvalidPrefix(@ForAll("utf8ishBytes") byte[] bytes) {
        // Byte by byte, the validator says "still fine" exactly while the prefix can still be
        // completed to valid UTF-8, which the JDK decoder decides by trying the possible endings.
        Utf8Validator v = new Utf8Validator();
        for (int i = 0; i < bytes.length; i++) {
            boolean ok = v.validate(bytes, i, i + 1);
            byte[] prefix = Arrays.copyOf(bytes, i + 1);
            assertThat(ok).as("after byte %d", i).isEqualTo(Utf8Reference.canBeCompleted(prefix));
            if (!ok) {
                return;
            }
        }
    }

    // ---- generators ----

    /** Random bytes biased towards UTF-8: ASCII runs, lead bytes of every kind, continuation bytes, valid characters. */
    @Provide
    Arbitrary<byte[]> utf8ishBytes() {
        Arbitrary<byte[]> piece = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.strings().ascii().ofMaxLength(12).map(s -> s.getBytes(StandardCharsets.US_ASCII))),
                Tuple.of(4, codePoints().map(cp -> new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8))),
                Tuple.of(2, Arbitraries.integers().between(0x80, 0xBF).map(b -> new byte[] {(byte) (int) b})),
                Tuple.of(2, Arbitraries.integers().between(0xC0, 0xFF).map(b -> new byte[] {(byte) (int) b})),
                Tuple.of(1, Arbitraries.of(
                        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                        new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0x80},
                        new byte[] {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0x80})),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(4)));
        return piece.list().ofMaxSize(12).map(pieces -> {
            java.io.ByteArrayOutputStream out = new ByteArrayOutputStream();
            pieces.forEach(out::writeBytes);
            return out.toByteArray();
        });
    }

    @Provide
    Arbitrary<String> codePointStrings() {
        return codePoints().list().ofMaxSize(40).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    /** Any Unicode scalar value, spread over the one-, two-, three- and four-byte ranges. */
    static Arbitrary<Integer> codePoints() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 0x7F),
                Arbitraries.integers().between(0x80, 0x7FF),
                Arbitraries.integers().between(0x800, 0xFFFF).filter(cp -> cp < 0xD800 || cp > 0xDFFF),
                Arbitraries.integers().between(0x10000, 0x10FFFF),
                Arbitraries.of(0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF));
    }

    // ---- feeding ----

    /** Valid and complete, fed in chunks that end at the given (sorted, clamped) cut points. */
    private static boolean validateInChunks(byte[] bytes, List<Integer> cuts) {
        List<Integer> points = new ArrayList<>();
        for (int cut : cuts) {
            points.add(Math.min(cut, bytes.length));
        }
        points.sort(null);
        points.add(bytes.length);
        Utf8Validator v = new Utf8Validator();
        int from = 0;
        boolean ok = true;
        for (int to : points) {
            // Each chunk in its own buffer, so nothing can be read past a chunk's end.
            ByteBuffer chunk = ByteBuffer.wrap(Arrays.copyOfRange(bytes, from, to));
            ok = v.validate(chunk);
            if (!ok) {
                break;
            }
            from = to;
        }
        return ok && v.isComplete();
    }
}
