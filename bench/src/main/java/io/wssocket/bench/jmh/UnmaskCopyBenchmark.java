package io.wssocket.bench.jmh;

import io.wssocket.wire.Masking;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A client's masked message on its way from the event loop's direct read buffer into the array the
 * endpoint receives, {@code size} bytes in pieces of at most the loop's 64 KiB, two ways:
 * <ul>
 *   <li>{@link #unmaskThenCopy}, what the server does: {@link Masking#mask} in the read buffer,
 *       then one bulk copy into the array (a JDK copy stub);</li>
 *   <li>{@link #fusedCopy}, the one pass that issue 19 proposed: each eight-byte word read from the
 *       read buffer, unmasked and stored into the array through a byte-array view.</li>
 * </ul>
 * The array is allocated per message in both, as the server does, so both pay its zeroing. The
 * read buffer's bytes are never restored: masking is its own inverse, and neither way's cost
 * depends on the values.
 */
@State(Scope.Thread)
public class UnmaskCopyBenchmark extends CodecBenchmark {

    /** The event loop's read buffer: a message larger than this arrives in several pieces. */
    static final int READ_BUFFER = 64 * 1024;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    @Param({"16384", "262144"})
    public int size;

    private int maskKey;
    ByteBuffer readBuffer;

    @Setup
    public void setUp() {
        maskKey = Payloads.randomInt(Payloads.SEED);
        readBuffer = BufferKind.DIRECT.holding(Payloads.randomBytes(Math.min(size, READ_BUFFER), Payloads.SEED));
    }

    @Benchmark
    @Ceiling(BufferKind.DIRECT)
    public byte[] unmaskThenCopy() {
        return gather(false);
    }

    @Benchmark
    @Ceiling(BufferKind.DIRECT)
    public byte[] fusedCopy() {
        return gather(true);
    }

    /** The message, piece by piece as the loop reads it; the two ways differ only per piece. */
    private byte[] gather(boolean fused) {
        byte[] message = new byte[size];
        int phase = 0;
        for (int offset = 0; offset < size; offset += READ_BUFFER) {
            int piece = Math.min(READ_BUFFER, size - offset);
            if (fused) {
                phase = unmaskInto(readBuffer, piece, maskKey, phase, message, offset);
            } else {
                phase = Masking.mask(readBuffer, 0, piece, maskKey, phase);
                readBuffer.get(0, message, offset, piece);
            }
        }
        return message;
    }

    /**
     * Unmasks {@code in[0, length)} into {@code out[offset, offset + length)} in one pass, leaving
     * {@code in} as it was; as {@link Masking#mask}, {@code phase} is the key byte for {@code in[0]}.
     */
    static int unmaskInto(ByteBuffer in, int length, int maskKey, int phase, byte[] out, int offset) {
        int key = Integer.rotateLeft(maskKey, 8 * phase);
        long wide = ((long) key << 32) | (key & 0xFFFFFFFFL);
        if (in.order() == ByteOrder.LITTLE_ENDIAN) {
            wide = Long.reverseBytes(wide);
        }
        int i = 0;
        for (; i < length - 7; i += 8) {
            LONGS.set(out, offset + i, in.getLong(i) ^ wide);
        }
        for (; i < length; i++) {
            out[offset + i] = (byte) (in.get(i) ^ (key >>> (24 - 8 * (i & 3))));
        }
        return (phase + length) & 3;
    }
}
