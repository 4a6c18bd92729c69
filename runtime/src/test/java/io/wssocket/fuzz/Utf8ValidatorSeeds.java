package io.wssocket.fuzz;

import static io.wssocket.fuzz.SeedBytes.concat;
import static io.wssocket.fuzz.SeedBytes.utf8;

import io.wssocket.fuzz.Utf8ValidatorFuzzTest.Api;
import io.wssocket.wire.Utf8Reference;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Seeds of {@link Utf8ValidatorFuzzTest}: characters of each length and at each boundary of RFC
 * 3629's table, ASCII runs long enough for the validator's word-at-a-time path with a character
 * right at a word boundary, and the classic invalid forms (overlong encodings, UTF-16 surrogates,
 * code points above U+10FFFF, bytes that never occur, stray continuation bytes, cut sequences);
 * split inside characters, byte by byte, through each API and buffer kind.
 */
final class Utf8ValidatorSeeds {
    private static final HexFormat HEX = HexFormat.of();
    private static final List<Integer> WHOLE = List.of();
    private static final int PLAIN = Utf8ValidatorFuzzTest.options(false, false, Api.POSITION_TO_LIMIT, 0);
    /**
     * RFC 3629 §3 and §10: forms a decoder must reject, each at the first byte that rules it out:
     * name, bytes, outcome.
     */
    private static final String[][] INVALID = {
        {"overlong-nul-c0-80", "c080", "invalid at 0"},
        {"overlong-c1-bf", "c1bf", "invalid at 0"},
        {"overlong-3-byte-e0-80-80", "e08080", "invalid at 1"},
        {"overlong-3-byte-e0-9f-bf", "e09fbf", "invalid at 1"},
        {"overlong-4-byte-f0-8f-bf-bf", "f08fbfbf", "invalid at 1"},
        {"surrogate-d800-ed-a0-80", "eda080", "invalid at 1"},
        {"surrogate-dfff-ed-bf-bf", "edbfbf", "invalid at 1"},
        {"above-10ffff-f4-90-80-80", "f4908080", "invalid at 1"},
        {"lead-byte-f5", "f5808080", "invalid at 0"},
        {"byte-ff", "41ff", "invalid at 1"},
        {"stray-continuation-byte", "616280", "invalid at 2"},
        {"2-byte-sequence-cut-by-ascii", "c341", "invalid at 1"},
    };

    private Utf8ValidatorSeeds() {
    }

    /** "valid", "cut short" (valid so far), or the index of the first byte that must be rejected. */
    static String outcome(FuzzCase c) {
        byte[] input = c.input();
        if (Utf8Reference.jdkAccepts(input)) {
            return "valid";
        }
        int completable = Utf8Reference.completableLength(input);
        return completable == input.length ? "cut short" : "invalid at " + completable;
    }

    static List<Seed> seeds() {
        List<Seed> seeds = new ArrayList<>();
        seeds.add(seed("empty", PLAIN, WHOLE, new byte[0], "valid"));
        seeds.add(seed("ascii", PLAIN, WHOLE, utf8("Hello, world"), "valid"));
        String ascii64 = "The quick brown fox jumps over the lazy dog, 0123456789 - ASCII.";
        seeds.add(seed("ascii-64-bytes-in-words", Utf8ValidatorFuzzTest.options(false, false, Api.ABSOLUTE_RANGE, 0),
                List.of(8), utf8(ascii64), "valid"));
        seeds.add(seed("2-byte-character-at-offset-7", Utf8ValidatorFuzzTest.options(false, false, Api.BYTE_ARRAY, 3),
                WHOLE, utf8("abcdefgé-abcdefgh"), "valid"));
        seeds.add(seed("4-byte-character-at-offset-8-cut-inside", Utf8ValidatorFuzzTest.options(true, false, Api.SLICE, 1),
                List.of(9, 1), utf8("abcdefgh😀abcdefgh"), "valid"));
        seeds.add(seed("greek-kosme-byte-by-byte", Utf8ValidatorFuzzTest.options(true, true, Api.POSITION_TO_LIMIT, 2),
                List.of(1), utf8("κόσμε"), "valid"));
        // RFC 3629 §4: the first and last code point of each sequence length, and around the surrogates.
        StringBuilder boundaries = new StringBuilder();
        for (int cp : new int[] {0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF}) {
            boundaries.appendCodePoint(cp);
        }
        seeds.add(seed("first-and-last-of-each-length", Utf8ValidatorFuzzTest.options(false, true, Api.SLICE, 15),
                List.of(1, 2, 3), utf8(boundaries.toString()), "valid"));

        for (String[] invalid : INVALID) {
            seeds.add(seed(invalid[0], PLAIN, WHOLE, HEX.parseHex(invalid[1]), invalid[2]));
        }
        seeds.add(seed("3-byte-sequence-cut-at-the-end", PLAIN, List.of(1), HEX.parseHex("6162e282"), "cut short"));
        seeds.add(seed("4-byte-sequence-cut-at-the-end", PLAIN, List.of(1), HEX.parseHex("f09f98"), "cut short"));
        seeds.add(seed("invalid-after-64-ascii-bytes", Utf8ValidatorFuzzTest.options(true, false, Api.POSITION_TO_LIMIT, 15),
                List.of(30), concat(utf8(ascii64), HEX.parseHex("ff")), "invalid at 64"));
        seeds.add(seed("surrogate-between-valid-text", Utf8ValidatorFuzzTest.options(false, false, Api.ABSOLUTE_RANGE, 4),
                List.of(3, 4), concat(utf8("κόσμε"), HEX.parseHex("eda080"), utf8("edited")), "invalid at 11"));
        return seeds;
    }

    private static Seed seed(String name, int options, List<Integer> splits, byte[] input, String expected) {
        return new Seed(name, new FuzzCase(options, splits, input), expected);
    }
}
