package io.wssocket.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The output of a child process (standard error merged into standard output), read line by line
 * on a daemon thread of its own so that a full pipe never stalls the child, and kept to explain a
 * failure.
 */
final class ProcessOutput {
    private final StringBuilder text = new StringBuilder();
    private final CompletableFuture<String> firstLine = new CompletableFuture<>();
    private final Thread reader;

    private ProcessOutput(Process process, String threadName) {
        reader = new Thread(() -> readAll(process), threadName);
        reader.setDaemon(true);
    }

    /** Starts reading; the process must have been started with its error stream redirected to its output. */
    static ProcessOutput read(Process process, String threadName) {
        ProcessOutput output = new ProcessOutput(process, threadName);
        output.reader.start();
        return output;
    }

    private void readAll(Process process) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                firstLine.complete(line);
                synchronized (text) {
                    text.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            synchronized (text) {
                text.append("[output unreadable: ").append(e).append("]\n");
            }
        }
        firstLine.completeExceptionally(new IllegalStateException("the process printed nothing"));
    }

    /** The first line the process printed; fails if it ends its output without one. */
    CompletableFuture<String> firstLine() {
        return firstLine;
    }

    /** Everything read so far, waiting briefly for the rest once the process has ended. */
    String text() throws InterruptedException {
        reader.join(TimeUnit.SECONDS.toMillis(1));
        synchronized (text) {
            return text.toString();
        }
    }
}
