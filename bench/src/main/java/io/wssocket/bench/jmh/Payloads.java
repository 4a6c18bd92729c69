package io.wssocket.bench.jmh;

import java.util.SplittableRandom;

/**
 * Deterministic benchmark inputs: the same bytes in every run and fork, so that runs compare.
 * Benchmarks build them once in a {@code @Setup} and read them from state fields, where the JIT
 * cannot treat them as constants.
 */
final class Payloads {
    static final long SEED = 0x5eed_c0dec_0deL;

    private Payloads() {
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    static int randomInt(long seed) {
        return new SplittableRandom(seed).nextInt();
    }
}
