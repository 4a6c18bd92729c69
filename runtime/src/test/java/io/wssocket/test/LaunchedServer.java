package io.wssocket.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server as a separate JVM, started with a command line as a user types it (the samples' launcher
 * tests): its port is read from the line it prints when listening, and closing it stops the process
 * (by its handle) within a bounded time.
 */
public final class LaunchedServer implements AutoCloseable {
    /** What the standalone main prints when it listens on loopback, the port its group 1. */
    public static final Pattern WS_SOCKET_LISTENING = Pattern.compile("WS Socket is listening on ws://127\\.0\\.0\\.1:(\\d+)/");
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final Process process;
    private final Thread reader;
    private final int port;
    private final ConcurrentLinkedQueue<String> output;

    private LaunchedServer(Process process, Thread reader, int port, ConcurrentLinkedQueue<String> output) {
        this.process = process;
        this.reader = reader;
        this.port = port;
        this.output = output;
    }

    /**
     * Runs {@code command} in {@code directory} and waits up to {@code startTimeout} for it to say
     * where it listens, a line {@code listening} finds with the port as its group 1; stops it again
     * when it does not.
     */
    public static LaunchedServer start(List<String> command, Path directory, Pattern listening, Duration startTimeout)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        ConcurrentLinkedQueue<String> output = new ConcurrentLinkedQueue<>();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> read(process, listening, output, port), "launched-server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new LaunchedServer(process, reader, port.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS), output);
        } catch (ExecutionException | TimeoutException e) {
            stop(process);
            throw new IllegalStateException("the server did not say where it listens within " + startTimeout
                    + "; it printed: " + String.join("\n", output), e);
        }
    }

    /** Reads every line (so the process never blocks on a full pipe), completing {@code port} from the line {@code listening} finds. */
    private static void read(Process process, Pattern listening, ConcurrentLinkedQueue<String> output,
            CompletableFuture<Integer> port) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                Matcher matcher = listening.matcher(line);
                if (matcher.find()) {
                    port.complete(Integer.parseInt(matcher.group(1)));
                }
            }
            port.completeExceptionally(new IllegalStateException("the output ended; exit code "
                    + process.waitFor()));
        } catch (IOException e) {
            port.completeExceptionally(new UncheckedIOException(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            port.completeExceptionally(e);
        }
    }

    /** The port it said it listens on. */
    public int port() {
        return port;
    }

    /** What the process printed so far (after {@link #stop}: all it printed), for assertions. */
    public String output() {
        return String.join("\n", output);
    }

    /**
     * Whether it ended within the stop timeout; it is killed when it did not. Either way what it
     * printed last is in {@link #output()} afterwards.
     */
    public boolean stop() throws InterruptedException {
        boolean ended = stop(process);
        reader.join(STOP_TIMEOUT.toMillis());
        return ended;
    }

    @Override
    public void close() {
        try {
            stop(process);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static boolean stop(Process process) throws InterruptedException {
        if (!process.isAlive()) {
            return true;
        }
        // SIGTERM: the server's shutdown hook closes its sessions and applications. Through the handle,
        // since Process.destroy() also closes this side's ends of the pipes: what the server prints
        // while it stops would be lost.
        process.toHandle().destroy();
        if (process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return false;
    }
}
