package io.wssocket.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.wire.Masking;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both ways of the unmask-and-copy benchmark, called outside JMH, deliver the unmasked message:
 * the fused loop is measured against the server's way only if it does the same work.
 */
class UnmaskCopyBenchmarkTest {

    @ParameterizedTest
    @ValueSource(ints = {16384, 65536})
    void bothWaysDeliverTheUnmaskedMessage(int size) {
        byte[] masked = Payloads.randomBytes(size, Payloads.SEED);
        byte[] expected = masked.clone();
        Masking.mask(ByteBuffer.wrap(expected), 0, size, Payloads.randomInt(Payloads.SEED), 0);

        assertThat(benchmark(size).unmaskThenCopy()).isEqualTo(expected);
        assertThat(benchmark(size).fusedCopy()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 9, 15, 16, 17, 1003})
    void theFusedLoopUnmasksAsMaskingDoesAtEveryPhaseAndLeavesItsInputAlone(int length) {
        byte[] masked = Payloads.randomBytes(length, Payloads.SEED);
        int key = Payloads.randomInt(Payloads.SEED);
        for (int phase = 0; phase < 4; phase++) {
            ByteBuffer in = BufferKind.DIRECT.holding(masked);
            byte[] out = new byte[length + 5];
            byte[] expected = masked.clone();
            int expectedPhase = Masking.mask(ByteBuffer.wrap(expected), 0, length, key, phase);

            int next = UnmaskCopyBenchmark.unmaskInto(in, length, key, phase, out, 3);

            assertThat(next).isEqualTo(expectedPhase);
            assertThat(Arrays.copyOfRange(out, 3, 3 + length)).isEqualTo(expected);
            assertThat(out).startsWith(0, 0, 0).endsWith(0, 0);
            byte[] after = new byte[length];
            in.get(0, after);
            assertThat(after).isEqualTo(masked);
        }
    }

    private static UnmaskCopyBenchmark benchmark(int size) {
        UnmaskCopyBenchmark benchmark = new UnmaskCopyBenchmark();
        benchmark.size = size;
        benchmark.setUp();
        return benchmark;
    }
}
