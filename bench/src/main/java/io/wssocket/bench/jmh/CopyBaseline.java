package io.wssocket.bench.jmh;

import java.nio.ByteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The ceiling: a bulk {@code ByteBuffer} copy of {@code size} bytes into a reused buffer of the
 * same kind (an array copy on the heap, a memory copy between direct buffers). Anything that
 * reads every byte of a payload and writes or checks it is read against this: at 100 % of it a
 * codec step costs what moving the bytes once costs.
 */
@State(Scope.Thread)
public class CopyBaseline extends CodecBenchmark {

    @Param({"64", "1024", "16384", "1048576"})
    public int size;

    private ByteBuffer heapSource;
    private ByteBuffer heapTarget;
    private ByteBuffer directSource;
    private ByteBuffer directTarget;

    @Setup
    public void setUp() {
        byte[] bytes = Payloads.randomBytes(size, Payloads.SEED);
        heapSource = BufferKind.HEAP.holding(bytes);
        heapTarget = BufferKind.HEAP.allocate(size);
        directSource = BufferKind.DIRECT.holding(bytes);
        directTarget = BufferKind.DIRECT.allocate(size);
    }

    @Benchmark
    @Ceiling(BufferKind.HEAP)
    public ByteBuffer heapToHeap() {
        return copy(heapSource, heapTarget);
    }

    @Benchmark
    @Ceiling(BufferKind.DIRECT)
    public ByteBuffer directToDirect() {
        return copy(directSource, directTarget);
    }

    /** Absolute bulk put: no positions to reset, nothing allocated. */
    private ByteBuffer copy(ByteBuffer source, ByteBuffer target) {
        return target.put(0, source, 0, size);
    }
}
