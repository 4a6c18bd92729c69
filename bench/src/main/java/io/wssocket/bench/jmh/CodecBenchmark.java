package io.wssocket.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every codec benchmark inherits (JMH's annotations are {@code @Inherited}): throughput in
 * operations per second, one fork, 3 × 1 s of warmup and 5 × 1 s measured, so that the full set
 * runs in a few minutes. Options on the command line ({@code -f -wi -w -i -r}) override these.
 * Every benchmark's operation handles {@code size} payload bytes, which is how
 * {@link CeilingTable} turns operations per second into bytes per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class CodecBenchmark {
}
