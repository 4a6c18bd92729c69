package io.wssocket.bench.suite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One load driver JVM, pinned to the driver's CPU. Its stdout is read line by line: a
 * {@code HOLDING} line calls the runner back (to measure the server while the connections are
 * open) and then releases the driver; the {@code RESULT} line is the run's result.
 */
final class DriverProcess {

    static final List<String> JVM_OPTIONS = List.of("-Xms256m", "-Xmx256m", "-XX:+UseParallelGC");

    /** What the runner does while the driver holds its connections. */
    interface HoldAction {
        void run() throws IOException, InterruptedException;
    }

    /** What the runner does with any other line of the driver's stdout (the soak's {@code SAMPLE}s). */
    interface LineAction {
        void accept(String line) throws IOException, InterruptedException;
    }

    private DriverProcess() {
    }

    static ResultLine run(SuiteOptions options, List<String> classPath, RunConfig config, String server, int port,
                          Path log, long timeoutSeconds, HoldAction onHold) throws IOException, InterruptedException {
        return run(options, classPath, config, server, port, log, timeoutSeconds, onHold, line -> { });
    }

    /**
     * Runs the driver to its end (at most {@code timeoutSeconds}); returns its RESULT line. Throws if
     * there is none; a driver that exits 1 with a RESULT line (errors counted) still returns it.
     */
    static ResultLine run(SuiteOptions options, List<String> classPath, RunConfig config, String server, int port,
                          Path log, long timeoutSeconds, HoldAction onHold, LineAction onLine)
            throws IOException, InterruptedException {
        List<String> command = command(options, classPath, config, server, port);
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             OutputStream in = process.getOutputStream()) {
            Thread watchdog = watchdog(process, timeoutSeconds);
            String line;
            while ((line = out.readLine()) != null) {
                if (line.equals("HOLDING")) {
                    try {
                        onHold.run();
                    } finally {
                        in.write("release\n".getBytes(StandardCharsets.US_ASCII));
                        in.flush();
                    }
                } else if (line.startsWith("RESULT ")) {
                    result = line;
                } else {
                    onLine.accept(line);
                }
            }
            watchdog.interrupt();
        } finally {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        if (result == null) {
            throw new IOException("driver exited with status " + process.exitValue() + " and no RESULT line (log: " + log.getFileName() + ")");
        }
        return ResultLine.parse(result);
    }

    /**
     * The driver's command line, pinned to the driver's CPU: a JVM running the config's main class,
     * or the C driver ({@link CDriver#NAME}) the runner built, with the same arguments.
     */
    static List<String> command(SuiteOptions options, List<String> classPath, RunConfig config, String server, int port) {
        List<String> command = new ArrayList<>(List.of("taskset", "-c", Integer.toString(options.driverCpu())));
        if (config.driverMain().equals(CDriver.NAME)) {
            command.add(options.root().resolve(CDriver.EXECUTABLE).toString());
        } else {
            command.add(options.java());
            command.addAll(JVM_OPTIONS);
            command.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, ServerKind.driverClassPath(classPath)),
                    config.driverMain()));
        }
        command.addAll(List.of("--server", server, "--host", "127.0.0.1", "--port", Integer.toString(port)));
        command.addAll(config.driverArgs());
        return command;
    }

    /** Kills a driver that runs past its time, so that one hung server cannot stall the suite. */
    private static Thread watchdog(Process process, long timeoutSeconds) {
        Thread t = new Thread(() -> {
            try {
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    System.err.println("driver ran over " + timeoutSeconds + " s; killing it");
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "driver-watchdog");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
