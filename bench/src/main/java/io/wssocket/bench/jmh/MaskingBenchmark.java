package io.wssocket.bench.jmh;

import io.wssocket.wire.Masking;
import java.nio.ByteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link Masking#mask} in place over {@code size} bytes (RFC 6455 §5.3): in a direct buffer as the
 * server unmasks in its read buffer, in a heap buffer as the client masks the frame it built.
 * Masking twice restores the bytes, so the buffer's content never matters and is never reset.
 */
@State(Scope.Thread)
public class MaskingBenchmark extends CodecBenchmark {

    @Param({"64", "1024", "16384", "1048576"})
    public int size;

    private int maskKey;
    ByteBuffer direct;
    ByteBuffer heap;

    @Setup
    public void setUp() {
        maskKey = Payloads.randomInt(Payloads.SEED);
        byte[] bytes = Payloads.randomBytes(size, Payloads.SEED);
        direct = BufferKind.DIRECT.holding(bytes);
        heap = BufferKind.HEAP.holding(bytes);
    }

    /** The server's side: unmasking a client's payload where it was read. */
    @Benchmark
    @Ceiling(BufferKind.DIRECT)
    public int unmaskDirect() {
        return Masking.mask(direct, 0, size, maskKey, 0);
    }

    /** The client's side: masking the payload copied into the heap frame it sends. */
    @Benchmark
    @Ceiling(BufferKind.HEAP)
    public int maskHeap() {
        return Masking.mask(heap, 0, size, maskKey, 0);
    }
}
