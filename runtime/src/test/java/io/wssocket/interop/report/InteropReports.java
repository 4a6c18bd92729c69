package io.wssocket.interop.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The surefire reports that this run wrote for the interop test classes. Surefire leaves the
 * reports of earlier runs in place, so a report older than the run's start (Maven's
 * {@code maven.build.timestamp}) is one this run did not write and does not count. A fresh report
 * of an interop class that {@link MatrixPeers} does not know stops the generator.
 */
final class InteropReports {
    private static final Pattern INTEROP_REPORT =
            Pattern.compile("TEST-(" + Pattern.quote(Suite.PACKAGE + ".") + "[A-Za-z0-9]+InteropTest)\\.xml");

    private InteropReports() {
    }

    /** The fresh reports of the interop package, by test class. */
    static Map<String, SurefireReport> readFresh(Path directory, Instant runStarted, SurefireReportParser parser) {
        Map<String, SurefireReport> reports = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return reports;
        }
        for (Path file : list(directory)) {
            Matcher name = INTEROP_REPORT.matcher(file.getFileName().toString());
            if (name.matches() && writtenSince(file, runStarted)) {
                if (MatrixPeers.suiteOf(name.group(1)).isEmpty()) {
                    throw new IllegalStateException(name.group(1) + " is an interop test the matrix does not know: add its peer"
                            + " to " + MatrixPeers.class.getName() + " (class names are <Peer><Client|Server>[Wss]InteropTest)");
                }
                reports.put(name.group(1), parser.parse(file));
            }
        }
        return reports;
    }

    private static List<Path> list(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    private static boolean writtenSince(Path file, Instant runStarted) {
        try {
            return !Files.getLastModifiedTime(file).toInstant().isBefore(runStarted);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the time of " + file, e);
        }
    }
}
