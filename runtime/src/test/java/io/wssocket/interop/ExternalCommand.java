package io.wssocket.interop;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Runs a tool that the test setup needs (npm, certutil) to its end, failing with what it printed. */
final class ExternalCommand {
    private ExternalCommand() {
    }

    /**
     * Runs {@code builder}'s command with no input and waits at most {@code timeout} for it to
     * exit with 0; otherwise fails with {@code failure}, the reason and the command's output.
     */
    static void run(ProcessBuilder builder, Duration timeout, String failure) throws IOException, InterruptedException {
        Process process;
        try {
            process = builder.redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(failure + " (" + e.getMessage() + ")", e);
        }
        process.getOutputStream().close();
        ProcessOutput output = ProcessOutput.read(process, builder.command().get(0) + "-output");
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(failure + " (no end within " + timeout + ")\n" + output.text());
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(failure + " (exit " + process.exitValue() + ")\n" + output.text());
        }
    }
}
