package io.wssocket.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MaskKeySourceTest {
    private static final int N = 100_000;

    /** Counts how often a source asks for seed material, and how many bytes. */
    static final class CountingSecureRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        int calls;
        int bytes;

        @Override
        public synchronized void nextBytes(byte[] out) {
            calls++;
            bytes += out.length;
            super.nextBytes(out);
        }
    }

    @Test
    void keysVaryWithoutShortCycles() {
        MaskKeySource source = new MaskKeySource();
        int[] keys = new int[N];
        for (int i = 0; i < N; i++) {
            keys[i] = source.getAsInt();
        }

        // 10^5 random 32-bit keys collide about once (birthday bound), so count, don't forbid.
        Set<Integer> distinct = new HashSet<>();
        for (int k : keys) {
            distinct.add(k);
        }
        assertThat(N - distinct.size()).as("repeated keys").isLessThanOrEqualTo(10);

        // Consecutive pairs are 64-bit values: any repeat would mean a cycle.
        Set<Long> pairs = new HashSet<>();
        for (int i = 0; i + 1 < N; i++) {
            pairs.add((long) keys[i] << 32 | (keys[i + 1] & 0xFFFFFFFFL));
        }
        assertThat(pairs).hasSize(N - 1);
    }

    @Test
    void twoSourcesDiffer() {
        MaskKeySource a = new MaskKeySource();
        MaskKeySource b = new MaskKeySource();
        int same = 0;
        for (int i = 0; i < 64; i++) {
            if (a.getAsInt() == b.getAsInt()) {
                same++;
            }
        }
        assertThat(same).isLessThanOrEqualTo(1);
    }

    @Test
    void everyKeyByteIsRoughlyUniform() {
        MaskKeySource source = new MaskKeySource();
        long[][] counts = new long[4][256];
        for (int i = 0; i < N; i++) {
            int key = source.getAsInt();
            for (int b = 0; b < 4; b++) {
                counts[b][(key >>> (8 * b)) & 0xFF]++;
            }
        }
        double expected = N / 256.0;
        for (int b = 0; b < 4; b++) {
            double chiSquare = 0;
            for (long c : counts[b]) {
                chiSquare += (c - expected) * (c - expected) / expected;
            }
            // 255 degrees of freedom: mean 255, standard deviation about 22.6; bounds are ~6 sd.
            assertThat(chiSquare).as("chi-square of byte %d", b).isBetween(120.0, 400.0);
        }
    }

    @Test
    void seedsOnceNotPerKey() {
        CountingSecureRandom seeds = new CountingSecureRandom();
        MaskKeySource source = new MaskKeySource(seeds);
        for (int i = 0; i < N; i++) {
            source.getAsInt();
        }

        assertThat(seeds.calls).isEqualTo(1);
        assertThat(seeds.bytes).isEqualTo(44);
    }

    @Test
    void reseedsAfterTheBlockBudget() {
        CountingSecureRandom seeds = new CountingSecureRandom();
        MaskKeySource source = new MaskKeySource(seeds);
        long keysPerSeed = 16L * MaskKeySource.REKEY_AFTER_BLOCKS;
        for (long i = 0; i < keysPerSeed; i++) {
            source.getAsInt();
        }
        assertThat(seeds.calls).isEqualTo(1);

        source.getAsInt();

        assertThat(seeds.calls).isEqualTo(2);
    }
}
