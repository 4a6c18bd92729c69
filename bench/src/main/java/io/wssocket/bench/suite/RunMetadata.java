package io.wssocket.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The {@code META} line at the head of a results file: when, where and how the suite ran. */
final class RunMetadata {

    private RunMetadata() {
    }

    static ResultLine collect(SuiteOptions options, String stamp) {
        return ResultLine.of("META")
                .with("date", Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .with("stamp", stamp)
                .with("cpus", cpuCount())
                .with("cpu", cpuModel())
                .with("os", System.getProperty("os.name") + " " + System.getProperty("os.version"))
                .with("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"))
                .with("commit", System.getProperty("bench.commit", "unknown"))
                .with("server_jvm", String.join(" ", ServerProcess.JVM_OPTIONS) + " on CPU " + options.serverCpu())
                .with("driver_jvm", String.join(" ", DriverProcess.JVM_OPTIONS) + " on CPU " + options.driverCpu())
                .with("settings", options.describe())
                .with("quick", options.quick());
    }

    /**
     * The machine's load average over the last minute ({@code /proc/loadavg}), the suite's own
     * processes included; -1 where there is none (not Linux). The cluster scenarios report it beside
     * their figures: their nodes share the machine with whatever else runs on it.
     */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The machine's CPUs: the runner itself is pinned to one, so availableProcessors() would say 1. */
    private static long cpuCount() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("processor")).count();
        } catch (IOException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux: unknown
        }
        return "unknown";
    }
}
