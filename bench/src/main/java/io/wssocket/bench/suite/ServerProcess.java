package io.wssocket.bench.suite;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One server JVM under test, pinned to its CPU: started, waited for until it prints
 * {@code READY <port>}, asked for its memory through its stdin ({@code stats}), and stopped with
 * SIGTERM (SIGKILL 15 s later if still there). Its stdin is a pipe from this process, so it never
 * outlives the runner.
 */
final class ServerProcess implements AutoCloseable {

    /** The same options for every server JVM. */
    static final List<String> JVM_OPTIONS = List.of("-Xms512m", "-Xmx512m", "-XX:+UseParallelGC");

    private static final long READY_TIMEOUT_S = 60;
    private static final long STATS_TIMEOUT_S = 30;
    private static final long STOP_TIMEOUT_S = 15;

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final OutputStream stdin;
    private final int port;

    private ServerProcess(Process process, Path log) throws IOException, InterruptedException {
        this.process = process;
        this.stdin = process.getOutputStream();
        Thread reader = new Thread(() -> copyLines(log), "server-stdout");
        reader.setDaemon(true);
        reader.start();
        this.port = awaitReady();
    }

    static ServerProcess start(ServerKind kind, SuiteOptions options, List<String> classPath, Path logBase)
            throws IOException, InterruptedException {
        return start(kind, options, classPath, logBase, List.of(), 0);
    }

    /**
     * With extra JVM options and, if {@code openFiles} > 0, that limit (soft and hard, so that the
     * JVM cannot raise it) on the server's open files, set with util-linux's {@code prlimit}.
     */
    static ServerProcess start(ServerKind kind, SuiteOptions options, List<String> classPath, Path logBase,
                               List<String> jvmArgs, int openFiles) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (openFiles > 0) {
            command.addAll(List.of("prlimit", "--nofile=" + openFiles + ":" + openFiles));
        }
        command.addAll(List.of("taskset", "-c", Integer.toString(options.serverCpu()), options.java()));
        command.addAll(JVM_OPTIONS);
        command.addAll(kind.jvmOptions());
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, kind.classPathFor(classPath)),
                kind.mainClass(), "--host", "127.0.0.1", "--port", "0"));
        Process process = new ProcessBuilder(command)
                .redirectError(logBase.resolveSibling(logBase.getFileName() + ".err").toFile())
                .start();
        try {
            return new ServerProcess(process, logBase.resolveSibling(logBase.getFileName() + ".out"));
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    private void copyLines(Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             var out = Files.newBufferedWriter(log)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.newLine();
                out.flush();
                lines.add(line);
            }
        } catch (IOException e) {
            // the process is gone; awaitReady and stats time out or see it dead
        }
    }

    private int awaitReady() throws IOException, InterruptedException {
        String line = awaitLine("READY ", READY_TIMEOUT_S);
        return Integer.parseInt(line.substring("READY ".length()).trim());
    }

    /** The server's {@code STATS} line as key=value pairs: heap_used_bytes, rss_bytes, send_failures. */
    ResultLine stats() throws IOException, InterruptedException {
        stdin.write("stats\n".getBytes(StandardCharsets.US_ASCII));
        stdin.flush();
        return ResultLine.parse(awaitLine("STATS ", STATS_TIMEOUT_S));
    }

    /**
     * The server's stats after its C heap gave back what it holds free: {@code stats} (which runs
     * a full collection), then {@code jcmd PID System.trim_native_heap} (glibc's malloc_trim: the
     * memory the JIT compiler's arenas, zlib and other native code freed but the allocator kept),
     * then {@code stats} again. The result is the second, with {@code untrimmed_rss_bytes} from the
     * first, {@code trimmed_bytes} as jcmd reported them, and the lesser heap figures of the two. Where jcmd cannot trim (not glibc, an
     * older JDK), the untrimmed figures are all there is and {@code trimmed_bytes} is absent.
     */
    ResultLine trimmedStats(String javaCommand) throws IOException, InterruptedException {
        ResultLine untrimmed = stats();
        long trimmed = trimNativeHeap(javaCommand);
        if (trimmed < 0) {
            return untrimmed;
        }
        ResultLine after = stats();
        // both full collections count for the heap: the lesser of each heap figure
        ResultLine heap = DerivedMetrics.leastOf(List.of(untrimmed, after));
        for (String key : new String[] {"heap_used_bytes", "heap_after_gc_bytes"}) {
            if (heap.get(key) != null) {
                after.with(key, heap.get(key));
            }
        }
        return after.with("untrimmed_rss_bytes", untrimmed.get("rss_bytes")).with("trimmed_bytes", trimmed);
    }

    /** Runs {@code jcmd PID System.trim_native_heap}; the bytes it says it gave back, or -1 if it did not. */
    private long trimNativeHeap(String javaCommand) throws IOException, InterruptedException {
        String jcmd = javaCommand.contains(File.separator) ? Path.of(javaCommand).resolveSibling("jcmd").toString() : "jcmd";
        Process p = new ProcessBuilder(jcmd, Long.toString(pid()), "System.trim_native_heap").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(STATS_TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        long trimmed = p.exitValue() == 0 ? trimmedBytes(out) : -1;
        if (trimmed < 0) {
            System.err.println("  no native heap trim (" + jcmd + " exited " + p.exitValue() + "): " + out.strip());
        }
        return trimmed;
    }

    /**
     * From jcmd's "Trim native heap: RSS+Swap: 2127M->2111M (-15896K)": what the trim gave back
     * (15,896 KiB; jcmd's unit is B, K, M or G) in bytes (0 if the RSS grew meanwhile); -1 without that line.
     */
    static long trimmedBytes(String jcmdOutput) {
        Matcher m = Pattern.compile("RSS\\+Swap: \\S+->\\S+ \\(([-+]?)(\\d+)([BKMG])\\)").matcher(jcmdOutput);
        if (!m.find()) {
            return -1;
        }
        long amount = Long.parseLong(m.group(2)) << switch (m.group(3)) {
            case "B" -> 0;
            case "K" -> 10;
            case "M" -> 20;
            default -> 30;
        };
        return m.group(1).equals("-") ? amount : 0;
    }

    private String awaitLine(String prefix, long timeoutSeconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IOException("no '" + prefix.trim() + "' line from the server within " + timeoutSeconds + " s");
            }
            String line = lines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
            if (line == null && !process.isAlive() && lines.isEmpty()) {
                throw new IOException("the server exited with status " + process.exitValue()
                        + " before its '" + prefix.trim() + "' line");
            }
        }
    }

    /** Lines the server has written so far to stdout and stderr (its log). */
    static long logLines(Path logBase) {
        long n = 0;
        for (String suffix : new String[] {".out", ".err"}) {
            Path file = logBase.resolveSibling(logBase.getFileName() + suffix);
            try (var lines = Files.lines(file, java.nio.charset.StandardCharsets.ISO_8859_1)) {
                n += lines.count();
            } catch (IOException | java.io.UncheckedIOException e) {
                // not there yet: none
            }
        }
        return n;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_S, TimeUnit.SECONDS)) {
                System.err.println("server " + process.pid() + " did not stop within " + STOP_TIMEOUT_S + " s of SIGTERM; killing it");
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT_S, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
