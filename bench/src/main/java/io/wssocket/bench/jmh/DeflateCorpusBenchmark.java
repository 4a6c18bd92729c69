package io.wssocket.bench.jmh;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * CPU per message of permessage-deflate on the {@link MessageCorpus} (JSON chat or ticker
 * messages, 64 B–16 KiB), with java.util.zip directly: each operation compresses (or inflates) the
 * whole corpus of {@value #MESSAGES} messages in order, one message per sync flush as RFC 7692
 * §7.2.1 frames them, and the score is the time per message.
 *
 * <ul>
 *   <li>{@code contextTakeover=false}: the deflater (inflater) is reset after every message, which
 *       is what borrowing one from a pool per message costs (WS Socket's default, no context
 *       takeover either way);</li>
 *   <li>{@code contextTakeover=true}: one deflater (inflater) kept for the connection, each message
 *       compressed against the window of those before it.</li>
 * </ul>
 *
 * The corpus restarts from its first message with a reset deflater at each operation, one reset per
 * {@value #MESSAGES} messages. The compression ratios of the same runs come from
 * {@link DeflateCorpusReport}, which also measures what a kept deflater costs in native memory.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Thread)
public class DeflateCorpusBenchmark {

    /** Messages in the corpus: about 2.5 MiB with sizes spread log-uniformly over 64 B–16 KiB. */
    static final int MESSAGES = 1024;
    static final long SEED = 0xdef1a7eL;

    @Param({"CHAT", "TICKER"})
    public MessageCorpus.Kind kind;

    @Param({"1", "6"})
    public int level;

    @Param({"false", "true"})
    public boolean contextTakeover;

    List<byte[]> messages;
    /** Each message compressed as {@link #deflate()} compresses it, the 00 00 ff ff tail kept on (the receiver appends it). */
    List<byte[]> compressed;
    Deflater deflater;
    Inflater inflater;
    final byte[] out = new byte[64 * 1024];

    @Setup(Level.Trial)
    public void setUp() {
        messages = MessageCorpus.messages(kind, MESSAGES, SEED);
        deflater = new Deflater(level, true);
        inflater = new Inflater(true);
        compressed = compress(messages, level, contextTakeover);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        deflater.end();
        inflater.end();
    }

    /** The corpus compressed message by message, with the tail each sync flush ends with. */
    static List<byte[]> compress(List<byte[]> messages, int level, boolean contextTakeover) {
        Deflater d = new Deflater(level, true);
        byte[] buf = new byte[64 * 1024];
        List<byte[]> out = new ArrayList<>(messages.size());
        for (byte[] m : messages) {
            int n = deflateOne(d, m, buf);
            out.add(java.util.Arrays.copyOf(buf, n));
            if (!contextTakeover) {
                d.reset();
            }
        }
        d.end();
        return out;
    }

    /** One message, sync-flushed; returns the bytes written (the corpus's largest fits the buffer with room). */
    static int deflateOne(Deflater d, byte[] message, byte[] buf) {
        d.setInput(message);
        int n = 0;
        do {
            n += d.deflate(buf, n, buf.length - n, Deflater.SYNC_FLUSH);
        } while (n == buf.length || !d.needsInput());
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long deflate() {
        deflater.reset();
        long total = 0;
        for (byte[] m : messages) {
            total += deflateOne(deflater, m, out);
            if (!contextTakeover) {
                deflater.reset();
            }
        }
        return total;
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long inflate() throws DataFormatException {
        inflater.reset();
        long total = 0;
        for (byte[] c : compressed) {
            inflater.setInput(ByteBuffer.wrap(c));
            int n;
            do {
                n = inflater.inflate(out);
                total += n;
            } while (n > 0);
            if (!contextTakeover) {
                inflater.reset();
            }
        }
        return total;
    }
}
