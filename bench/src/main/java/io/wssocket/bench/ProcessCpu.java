package io.wssocket.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Another process's CPU time (user and system, all its threads) from Linux's {@code /proc/PID/stat}:
 * the echo driver reads the server's at the start and the end of its measured window, so that the
 * server's CPU time per message stands next to every throughput figure; it holds when the driver,
 * not the server, is what limits the rate.
 */
final class ProcessCpu {

    /**
     * The kernel's USER_HZ, the unit of utime and stime in {@code /proc}: 100 on every architecture
     * the JDK runs on (Java cannot ask sysconf; the C driver does and gets the same).
     */
    static final long TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** utime + stime of process {@code pid} in clock ticks, or -1 where it cannot be read. */
    static long ticks(long pid) {
        try {
            return parseTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Fields 14 and 15 (utime, stime) of a {@code /proc/PID/stat} line, counted after the command
     * name's closing parenthesis (the name may hold spaces and parentheses itself).
     */
    static long parseTicks(String stat) {
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // after the name: state(3) ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime(14) stime(15)
        return Long.parseLong(after[11]) + Long.parseLong(after[12]);
    }

    /**
     * The RESULT fields of the server's CPU over a window of {@code seconds} in which
     * {@code messages} were echoed: {@code server_cpu_s}, {@code server_cpu_pct} (of one core) and
     * {@code cpu_us_per_msg}; empty if either reading failed.
     */
    static String resultFields(long ticksBefore, long ticksAfter, double seconds, long messages) {
        return resultFields(ticksBefore, ticksAfter, seconds, messages, "msg");
    }

    /** As {@link #resultFields(long, long, double, long)} per {@code count} of {@code unit}: {@code cpu_us_per_<unit>}. */
    static String resultFields(long ticksBefore, long ticksAfter, double seconds, long count, String unit) {
        if (ticksBefore < 0 || ticksAfter < 0 || seconds <= 0) {
            return "";
        }
        double cpu = (ticksAfter - ticksBefore) / (double) TICKS_PER_SECOND;
        return String.format(Locale.ROOT, " server_cpu_s=%.2f server_cpu_pct=%.0f cpu_us_per_%s=%.2f", cpu,
                cpu / seconds * 100, unit, count > 0 ? cpu * 1e6 / count : 0.0);
    }
}
