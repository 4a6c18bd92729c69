package io.wssocket.samples.chat;

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
 * The server as a separate JVM, started with a command line as a user types it: its port is read
 * from the line it prints when listening, and closing it stops the process (by its handle) within
 * a bounded time.
 */
final class LaunchedServer implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("WS Socket is listening on ws://127\\.0\\.0\\.1:(\\d+)/");
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final Process process;
    private final int port;
    private final ConcurrentLinkedQueue<String> output;

    private LaunchedServer(Process process, int port, ConcurrentLinkedQueue<String> output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /**
     * Runs {@code command} in {@code directory} and waits up to {@code startTimeout} for it to say
     * where it listens; stops it again when it does not.
     */
    static LaunchedServer start(List<String> command, Path directory, Duration startTimeout)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        ConcurrentLinkedQueue<String> output = new ConcurrentLinkedQueue<>();
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> read(process, output, listening), "launched-server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new LaunchedServer(process, listening.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS), output);
        } catch (ExecutionException | TimeoutException e) {
            stop(process);
            throw new IllegalStateException("the server did not say where it listens within " + startTimeout
                    + "; it printed: " + String.join("\n", output), e);
        }
    }

    /** Reads every line (so the process never blocks on a full pipe), completing {@code listening} with the port. */
    private static void read(Process process, ConcurrentLinkedQueue<String> output, CompletableFuture<Integer> listening) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.find()) {
                    listening.complete(Integer.parseInt(matcher.group(1)));
                }
            }
            listening.completeExceptionally(new IllegalStateException("the output ended; exit code "
                    + process.waitFor()));
        } catch (IOException e) {
            listening.completeExceptionally(new UncheckedIOException(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            listening.completeExceptionally(e);
        }
    }

    int port() {
        return port;
    }

    /** What the process printed so far, for assertion messages. */
    String output() {
        return String.join("\n", output);
    }

    /** Whether it ended within the stop timeout; it is killed when it did not. */
    boolean stop() throws InterruptedException {
        return stop(process);
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
        process.destroy(); // SIGTERM: the server's shutdown hook closes its sessions and applications
        if (process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return false;
    }
}
