package io.wssocket.bench.jmh;

import io.wssocket.wire.Utf8Validator;
import java.nio.ByteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link Utf8Validator} over a whole text payload in a direct buffer, where the server validates
 * it (a slice of its read buffer). One validator is reused, as one connection's reader reuses its
 * own for every message.
 */
@State(Scope.Thread)
public class Utf8Benchmark extends CodecBenchmark {

    @Param({"64", "1024", "16384", "1048576"})
    public int size;

    @Param({"ASCII", "MIXED", "LATIN", "CYRILLIC", "CJK"})
    public Text text;

    private final Utf8Validator validator = new Utf8Validator();
    private ByteBuffer payload;

    @Setup
    public void setUp() {
        payload = BufferKind.DIRECT.holding(text.utf8(size, Payloads.SEED));
    }

    /** True when the payload is valid and complete; the benchmark's test checks it is. */
    @Benchmark
    @Ceiling(BufferKind.DIRECT)
    public boolean validate() {
        validator.reset();
        return validator.validate(payload, 0, size) && validator.isComplete();
    }
}
