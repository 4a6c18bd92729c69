package io.wssocket.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wssocket.wire.Utf8Reference;
import io.wssocket.wire.Utf8Validator;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Utf8Validator} against the JDK's strict decoder, on any bytes split at any points: after
 * each chunk it says "still valid" exactly while the bytes so far can be completed to valid UTF-8
 * (so it fails at the first bad byte, RFC 6455 §8.1), and at the end "complete" exactly when the
 * JDK decodes the whole. Each chunk sits in a buffer of the kind, byte order and API the options
 * choose, between bytes that would fail the stream if the validator read any of them.
 *
 * <p>Options: bit 0 a direct buffer, bit 1 little-endian, bits 2-3 the API ({@link Api}), bits 4-7
 * how many bytes surround each chunk.
 */
class Utf8ValidatorFuzzTest {
    /** 0xC0 is never valid in UTF-8 (RFC 3629 §3), so validating a byte outside the chunk fails the stream. */
    private static final byte OUTSIDE = (byte) 0xC0;

    /** The ways to hand the validator a chunk. */
    enum Api { POSITION_TO_LIMIT, ABSOLUTE_RANGE, BYTE_ARRAY, SLICE }

    static int options(boolean direct, boolean littleEndian, Api api, int surrounding) {
        return (direct ? 1 : 0) | (littleEndian ? 2 : 0) | api.ordinal() << 2 | surrounding << 4;
    }

    @FuzzTest
    @Timeout(10)
    void agreesWithTheStrictJdkDecoder(FuzzedDataProvider data) {
        FuzzCase c = FuzzCase.read(data);
        byte[] input = c.input();
        boolean valid = Utf8Reference.jdkAccepts(input);
        int completable = Utf8Reference.completableLength(input);

        Utf8Validator validator = new Utf8Validator();
        int end = 0;
        for (int size : c.chunkSizes()) {
            int start = end;
            end += size;
            boolean ok = validate(validator, c, Arrays.copyOfRange(input, start, end));
            assertThat(ok).as("bytes up to %d of %s", end, c).isEqualTo(end <= completable);
            assertThat(validator.isInvalid()).as("invalid after %d bytes of %s", end, c).isEqualTo(end > completable);
        }
        assertThat(validator.isComplete()).as("complete after %s", c).isEqualTo(valid);

        assertThat(Utf8Validator.isValid(ByteBuffer.wrap(input))).as("one-shot check of %s", c).isEqualTo(valid);
        validator.reset();
        assertThat(validator.validate(input, 0, input.length) && validator.isComplete()).as("after reset").isEqualTo(valid);
    }

    private static boolean validate(Utf8Validator validator, FuzzCase c, byte[] chunk) {
        int around = c.option(4, 4);
        byte[] framed = new byte[around + chunk.length + around];
        Arrays.fill(framed, OUTSIDE);
        System.arraycopy(chunk, 0, framed, around, chunk.length);
        int from = around;
        int to = around + chunk.length;
        ByteOrder order = c.option(1) ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        ByteBuffer buffer = (c.option(0) ? ByteBuffer.allocateDirect(framed.length).put(framed).flip()
                : ByteBuffer.wrap(framed)).order(order);
        switch (Api.values()[c.option(2, 2)]) {
            case POSITION_TO_LIMIT: {
                buffer.limit(to).position(from);
                boolean ok = validator.validate(buffer);
                assertThat(buffer.position()).as("position after validate").isEqualTo(from);
                assertThat(buffer.limit()).as("limit after validate").isEqualTo(to);
                return ok;
            }
            case ABSOLUTE_RANGE:
                return validator.validate(buffer, from, to);
            case BYTE_ARRAY:
                return validator.validate(framed, from, to);
            default: {
                // slice() starts at index 0 and big-endian whatever the parent was.
                ByteBuffer slice = buffer.limit(to).position(from).slice().order(order);
                return validator.validate(slice);
            }
        }
    }
}
