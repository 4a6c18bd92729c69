package io.wssocket.bench.jmh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The permessage-deflate trade-off in figures that are not timings: how small the
 * {@link MessageCorpus} gets with a deflater reset per message (no context takeover) and with one
 * kept per connection (context takeover), at levels 1 and 6, overall and by message size; and the
 * native memory one kept {@link Deflater} (level 6) and one kept {@link Inflater} cost, measured as
 * the resident-set growth of a child JVM that holds N of them, each having compressed (inflated) a
 * 64 KiB stretch of the corpus so that its window and tables have been written. Prints Markdown.
 * The time per message is {@link DeflateCorpusBenchmark}'s.
 *
 * <p>{@code java -cp benchmarks.jar io.wssocket.bench.jmh.DeflateCorpusReport [--held N]}
 */
public final class DeflateCorpusReport {

    private static final int[] BUCKETS = {64, 256, 1024, 4096, 16 * 1024 + 1};
    private static final int DEFAULT_HELD = 1000;

    private DeflateCorpusReport() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--child")) {
            hold(args[1], Integer.parseInt(args[2]));
            return;
        }
        int held = args.length == 2 && args[0].equals("--held") ? Integer.parseInt(args[1]) : DEFAULT_HELD;
        System.out.print(ratios());
        System.out.println();
        System.out.print(memory(held));
    }

    /** Compressed over original bytes per corpus, level and mode, overall and per size bucket. */
    static String ratios() {
        StringBuilder b = new StringBuilder("| corpus | level | context | all | 64–255 B | 256 B–1 KiB | 1–4 KiB | 4–16 KiB |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (MessageCorpus.Kind kind : MessageCorpus.Kind.values()) {
            List<byte[]> messages = MessageCorpus.messages(kind, DeflateCorpusBenchmark.MESSAGES, DeflateCorpusBenchmark.SEED);
            for (int level : new int[] {1, 6}) {
                for (boolean takeover : new boolean[] {false, true}) {
                    List<byte[]> compressed = DeflateCorpusBenchmark.compress(messages, level, takeover);
                    long[] in = new long[BUCKETS.length];
                    long[] out = new long[BUCKETS.length];
                    for (int i = 0; i < messages.size(); i++) {
                        int bucket = bucket(messages.get(i).length);
                        in[bucket] += messages.get(i).length;
                        out[bucket] += compressed.get(i).length - 4; // RFC 7692 §7.2.1: the tail is not sent
                    }
                    in[0] = sum(in, 1);
                    out[0] = sum(out, 1);
                    b.append("| ").append(kind.name().toLowerCase(Locale.ROOT)).append(" | ").append(level).append(" | ")
                            .append(takeover ? "kept (takeover)" : "reset per message").append(" |");
                    for (int i = 0; i < BUCKETS.length; i++) {
                        b.append(in[i] == 0 ? " – |" : String.format(Locale.ROOT, " %.3f |", (double) out[i] / in[i]));
                    }
                    b.append('\n');
                }
            }
        }
        return b.toString();
    }

    /** Index 0 is "all"; 1.. the buckets 64–255, 256–1023, 1024–4095, 4096–16384. */
    private static int bucket(int size) {
        for (int i = 1; i < BUCKETS.length; i++) {
            if (size < BUCKETS[i]) {
                return i;
            }
        }
        return BUCKETS.length - 1;
    }

    private static long sum(long[] values, int from) {
        long s = 0;
        for (int i = from; i < values.length; i++) {
            s += values[i];
        }
        return s;
    }

    /** Runs a child JVM per kind of object and reports its RSS growth per object held. */
    static String memory(int held) throws IOException, InterruptedException {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "| held (%,d each, in a child JVM) | RSS growth per object | zlib's documented size |%n|---|---|---|%n", held));
        String[][] kinds = {
            {"deflater", "256 KiB + state: (1 << (windowBits + 2)) + (1 << (memLevel + 9)) = 128 KiB + 128 KiB (zconf.h)"},
            {"inflater", "32 KiB window (1 << windowBits) + about 7 KiB of state (zconf.h)"},
            {"deflater-idle", "as deflater; never used: only what deflateInit writes is resident"},
        };
        for (String[] kind : kinds) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-Xms64m", "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                    DeflateCorpusReport.class.getName(), "--child", kind[0], Integer.toString(held))
                    .redirectErrorStream(true).start();
            String result = null;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("HELD ")) {
                        result = line.substring(5).trim();
                    }
                }
            }
            child.waitFor();
            double perObject = result == null ? Double.NaN : Double.parseDouble(result) / held;
            b.append("| ").append(kind[0].equals("deflater-idle") ? "Deflater, level 6, never used"
                            : kind[0].equals("deflater") ? "Deflater, level 6, after 64 KiB" : "Inflater, after 64 KiB")
                    .append(" | ").append(Double.isNaN(perObject) ? "failed" : String.format(Locale.ROOT, "%.1f KiB", perObject / 1024))
                    .append(" | ").append(kind[1]).append(" |\n");
        }
        return b.toString();
    }

    /** In the child: RSS before and after making {@code n} objects of {@code kind}; prints {@code HELD <bytes>}. */
    private static void hold(String kind, int n) throws Exception {
        byte[] sample = corpusStretch(64 * 1024);
        byte[] compressed = new byte[sample.length + 1024];
        Deflater reference = new Deflater(6, true);
        int compressedLength = DeflateCorpusBenchmark.deflateOne(reference, sample, compressed);
        reference.end();
        byte[] out = new byte[sample.length];
        List<Object> kept = new ArrayList<>(n);
        // warm the code paths and the allocator before the baseline
        use(kind, sample, compressed, compressedLength, out).run();
        System.gc();
        Thread.sleep(200);
        long before = rss();
        for (int i = 0; i < n; i++) {
            kept.add(use(kind, sample, compressed, compressedLength, out));
        }
        System.gc();
        Thread.sleep(200);
        long after = rss();
        System.out.println("HELD " + (after - before));
        System.out.flush();
        if (kept.size() != n) {
            throw new IllegalStateException("lost objects");
        }
    }

    /** A new object of {@code kind}, used once as the table says; its {@code run} frees it (for the warm-up). */
    private static Runnable use(String kind, byte[] sample, byte[] compressed, int compressedLength, byte[] out) throws Exception {
        switch (kind) {
            case "deflater", "deflater-idle" -> {
                Deflater d = new Deflater(6, true);
                if (kind.equals("deflater")) {
                    DeflateCorpusBenchmark.deflateOne(d, sample, new byte[sample.length + 1024]);
                }
                return d::end;
            }
            case "inflater" -> {
                Inflater i = new Inflater(true);
                i.setInput(compressed, 0, compressedLength);
                i.inflate(out);
                return i::end;
            }
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        }
    }

    private static byte[] corpusStretch(int size) {
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] m : MessageCorpus.messages(MessageCorpus.Kind.CHAT, 256, DeflateCorpusBenchmark.SEED)) {
            int n = Math.min(m.length, size - at);
            System.arraycopy(m, 0, out, at, n);
            at += n;
            if (at == size) {
                break;
            }
        }
        return out;
    }

    private static long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }
}
