package io.wssocket.bench.jmh;

import io.wssocket.wire.FrameWriter;
import io.wssocket.wire.MaskKeySource;
import io.wssocket.wire.Opcode;
import java.nio.ByteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Whole frames of {@code size} payload bytes, built as the runtime builds them: a new heap buffer
 * each, holding the header and a copy of the payload. The server sends unmasked frames (and
 * builds them this way for payloads up to 8 KiB; above, it sends a header and the payload as
 * they are); the client masks its copy with a fresh key from its {@link MaskKeySource}.
 */
@State(Scope.Thread)
public class WriteBenchmark extends CodecBenchmark {

    @Param({"64", "1024", "16384", "1048576"})
    public int size;

    private final MaskKeySource maskKeys = new MaskKeySource();
    private ByteBuffer payload;

    @Setup
    public void setUp() {
        payload = BufferKind.HEAP.holding(Payloads.randomBytes(size, Payloads.SEED));
    }

    @Benchmark
    @Ceiling(BufferKind.HEAP)
    public ByteBuffer unmaskedServerFrame() {
        return FrameWriter.unmaskedFrame(true, Opcode.BINARY, payload);
    }

    @Benchmark
    @Ceiling(BufferKind.HEAP)
    public ByteBuffer maskedClientFrame() {
        return FrameWriter.maskedFrame(true, Opcode.BINARY, payload, maskKeys.getAsInt());
    }
}
