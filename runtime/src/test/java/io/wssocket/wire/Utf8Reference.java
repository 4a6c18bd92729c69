package io.wssocket.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What {@link Utf8Validator} is compared with: the JDK's strict UTF-8 decoder, which reports
 * overlong forms, surrogates and code points above U+10FFFF as malformed (RFC 3629 §3).
 */
public final class Utf8Reference {

    /** Whether the strict JDK decoder accepts {@code bytes} as a whole. */
    public static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Whether some ending of at most three bytes makes {@code prefix} valid UTF-8. */
    public static boolean canBeCompleted(byte[] prefix) {
        if (jdkAccepts(prefix)) {
            return true;
        }
        // After E0 the next byte must be A0-BF, after F0 90-BF, after ED 80-9F, after F4 80-8F;
        // every later continuation byte may be 80.
        for (int extra = 1; extra <= 3; extra++) {
            for (int next : new int[] {0x80, 0x90, 0xA0}) {
                byte[] candidate = Arrays.copyOf(prefix, prefix.length + extra);
                candidate[prefix.length] = (byte) next;
                for (int k = 1; k < extra; k++) {
                    candidate[prefix.length + k] = (byte) 0x80;
                }
                if (jdkAccepts(candidate)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The length of the longest prefix of {@code bytes} that can still be completed to valid
     * UTF-8: the index of the first byte that a validator failing as early as possible must reject,
     * or {@code bytes.length} when there is none.
     */
    public static int completableLength(byte[] bytes) {
        // A prefix that cannot be completed cannot be completed after more bytes either, so the
        // completable prefixes are exactly those up to some length: found by binary search.
        int lo = 0;
        int hi = bytes.length;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (canBeCompleted(Arrays.copyOf(bytes, mid))) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private Utf8Reference() {
    }
}
