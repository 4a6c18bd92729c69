package io.wssocket.bench.jmh;

import java.util.SplittableRandom;

/** Text payloads for the UTF-8 paths: the ASCII fast path, the state machine, and languages between. */
public enum Text {
    /** Printable ASCII: whole eight-byte words take {@code Utf8Validator}'s fast path. */
    ASCII {
        @Override
        int nextCodePoint(SplittableRandom random, int bytesLeft) {
            return random.nextInt(0x20, 0x7F);
        }
    },
    /**
     * Two-, three- and four-byte characters in turn, no ASCII (but for a last byte that no longer
     * fits a wider character): every byte goes through the state machine.
     */
    MIXED {
        @Override
        int nextCodePoint(SplittableRandom random, int bytesLeft) {
            int width = Math.min(bytesLeft, 2 + random.nextInt(3));
            switch (width) {
                case 1:
                    return random.nextInt(0x20, 0x7F);
                case 2:
                    return random.nextInt(0x80, 0x800);
                case 3:
                    // U+0800..U+FFFF without the surrogates U+D800..U+DFFF (not characters, RFC 3629 §3)
                    int c = random.nextInt(0x800, 0x10000 - 0x800);
                    return c < 0xD800 ? c : c + 0x800;
                default:
                    return random.nextInt(0x10000, 0x110000);
            }
        }
    },
    /**
     * Text in a Latin-script language: ASCII letters and spaces, one character in sixteen an
     * accented letter (two bytes): the automaton takes each, and the ASCII runs between them.
     */
    LATIN {
        @Override
        int nextCodePoint(SplittableRandom random, int bytesLeft) {
            int pick = random.nextInt(16);
            if (pick == 0 && bytesLeft >= 2) {
                return random.nextInt(0xE0, 0x100); // à..ÿ
            }
            return pick < 3 ? ' ' : random.nextInt('a', 'z' + 1);
        }
    },
    /** Cyrillic words: two-byte letters, a space (ASCII) between words of about five. */
    CYRILLIC {
        @Override
        int nextCodePoint(SplittableRandom random, int bytesLeft) {
            return random.nextInt(6) == 0 || bytesLeft < 2 ? ' ' : random.nextInt(0x430, 0x450); // а..я
        }
    },
    /** Chinese: three-byte CJK ideographs, no ASCII but for a last byte or two. */
    CJK {
        @Override
        int nextCodePoint(SplittableRandom random, int bytesLeft) {
            return bytesLeft < 3 ? random.nextInt('a', 'z' + 1) : random.nextInt(0x4E00, 0xA000);
        }
    };

    /** A code point whose UTF-8 form takes at most {@code bytesLeft} bytes. */
    abstract int nextCodePoint(SplittableRandom random, int bytesLeft);

    /** Exactly {@code size} bytes of valid UTF-8 that end on a character boundary. */
    public byte[] utf8(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder text = new StringBuilder();
        int length = 0;
        while (length < size) {
            int codePoint = nextCodePoint(random, size - length);
            text.appendCodePoint(codePoint);
            length += utf8Length(codePoint);
        }
        return text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int utf8Length(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }
}
