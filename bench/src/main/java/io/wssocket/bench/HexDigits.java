package io.wssocket.bench;

/** Fixed-width lowercase hexadecimal numbers in ASCII, as the text payloads carry them. */
final class HexDigits {

    private HexDigits() {
    }

    /** Writes the low {@code 4 × length} bits of {@code value} as {@code length} digits, most significant first. */
    static void write(long value, byte[] dst, int offset, int length) {
        for (int i = length - 1; i >= 0; i--) {
            dst[offset + i] = (byte) Character.forDigit((int) (value & 0xF), 16);
            value >>>= 4;
        }
    }

    /** Reads {@code length} digits; returns -1 if one of them is not a lowercase hex digit. */
    static long parse(byte[] src, int offset, int length) {
        long value = 0;
        for (int i = 0; i < length; i++) {
            int b = src[offset + i];
            int digit = b >= '0' && b <= '9' ? b - '0' : b >= 'a' && b <= 'f' ? b - 'a' + 10 : -1;
            if (digit < 0) {
                return -1;
            }
            value = (value << 4) | digit;
        }
        return value;
    }
}
