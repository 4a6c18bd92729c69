package io.wssocket.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.wssocket.test.Chunks;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * What every fuzz test here reads from the fuzzer's data: an options byte that each harness
 * interprets its own way, the chunk sizes its input is fed in, and the input itself.
 *
 * <p>{@link FuzzedDataProvider} takes integers from the end of the data and byte arrays from the
 * front; an integer in a range of at most 256 values takes one byte, whose value it is (modulo the
 * range). So {@link #seed()} can lay a case out byte for byte: the input, then the choices in the
 * reverse order of reading, which keeps the seed files readable and lets a mutation of the input
 * keep its choices.
 *
 * @param options eight option bits, by the harness's own layout
 * @param splits chunk sizes (0-255), taken in turn until they cover the input; none: the whole input at once
 * @param input the bytes fed to the code under test
 */
public record FuzzCase(int options, List<Integer> splits, byte[] input) {
    /** More sizes add nothing that cycling through a few cannot do. */
    static final int MAX_SPLITS = 15;

    public FuzzCase {
        if (options < 0 || options > 0xFF) {
            throw new IllegalArgumentException("options is one byte, was " + options);
        }
        if (splits.size() > MAX_SPLITS || splits.stream().anyMatch(s -> s < 0 || s > 0xFF)) {
            throw new IllegalArgumentException("at most " + MAX_SPLITS + " chunk sizes of 0-255, was " + splits);
        }
        splits = List.copyOf(splits);
        input = input.clone();
    }

    /** Reads a case the way {@link #seed()} lays it out; any data gives a case (missing choices are 0). */
    public static FuzzCase read(FuzzedDataProvider data) {
        int options = data.consumeInt(0, 0xFF);
        int count = data.consumeInt(0, MAX_SPLITS);
        List<Integer> splits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            splits.add(data.consumeInt(0, 0xFF));
        }
        return new FuzzCase(options, splits, data.consumeRemainingAsBytes());
    }

    /** The seed file that {@link #read} turns back into this case. */
    public byte[] seed() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length + splits.size() + 2);
        out.writeBytes(input);
        for (int i = splits.size() - 1; i >= 0; i--) {
            out.write(splits.get(i));
        }
        out.write(splits.size());
        out.write(options);
        return out.toByteArray();
    }

    @Override
    public byte[] input() {
        return input.clone();
    }

    /** Whether option bit {@code bit} (0-7) is set. */
    public boolean option(int bit) {
        return (options & (1 << bit)) != 0;
    }

    /** The option bits {@code [shift, shift + width)} as a number. */
    public int option(int shift, int width) {
        return (options >>> shift) & ((1 << width) - 1);
    }

    /** The sizes of the chunks that cover the input, the last possibly cut short. */
    public List<Integer> chunkSizes() {
        return splits.isEmpty() ? List.of(input.length) : Chunks.cycle(splits, input.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FuzzCase other && options == other.options && splits.equals(other.splits)
                && Arrays.equals(input, other.input);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * options + splits.hashCode()) + Arrays.hashCode(input);
    }

    @Override
    public String toString() {
        return "FuzzCase[options=0x" + Integer.toHexString(options) + ", splits=" + splits + ", input="
                + input.length + " bytes " + HexFormat.of().formatHex(input) + "]";
    }
}
