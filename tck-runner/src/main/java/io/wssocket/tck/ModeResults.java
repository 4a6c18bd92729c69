package io.wssocket.tck;

import io.wssocket.tck.ResultsDocument.Counts;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The results of the newest full run of one mode (a server and a client), kept so that the runs of
 * other modes can be reported beside it: {@code MODE.properties} with the figures of the modes
 * table and {@code MODE.md} with the run's results document (without its title).
 *
 * @param mode the mode's name, e.g. {@code wssocket-standalone.wssocket-client}; also its files' name
 * @param server where the TCK's applications were deployed
 * @param client the WebSocket client the TCK used
 * @param date when the run's results were written
 * @param wallTime the run's wall time as the document shows it, or empty
 * @param counts the run's totals
 * @param body the run's results document without its title
 */
record ModeResults(String mode, String server, String client, String date, String wallTime, Counts counts, String body) {
    private static final String SUMMARY = ".properties";
    private static final String DOCUMENT = ".md";

    ModeResults {
        if (mode.isEmpty() || !mode.matches("[\\w.+-]+")) {
            throw new IllegalArgumentException("a mode is named with letters, digits and . _ + - only: " + mode);
        }
    }

    /** Writes this mode's two files into {@code dir}, replacing an earlier run's. */
    void write(Path dir) {
        Properties summary = new Properties();
        summary.setProperty("mode", mode);
        summary.setProperty("server", server);
        summary.setProperty("client", client);
        summary.setProperty("date", date);
        summary.setProperty("wallTime", wallTime);
        summary.setProperty("run", Integer.toString(counts.run()));
        summary.setProperty("passed", Integer.toString(counts.passed()));
        summary.setProperty("failed", Integer.toString(counts.failed()));
        summary.setProperty("errors", Integer.toString(counts.errors()));
        summary.setProperty("skipped", Integer.toString(counts.skipped()));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(mode + DOCUMENT), body, StandardCharsets.UTF_8);
            try (Writer out = Files.newBufferedWriter(dir.resolve(mode + SUMMARY), StandardCharsets.UTF_8)) {
                summary.store(out, "TCK results of mode " + mode + " (read by TckResultsReport)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results of mode " + mode + " into " + dir, e);
        }
    }

    /** Every mode whose results are in {@code dir}, in no particular order; none if it does not exist. */
    static List<ModeResults> readAll(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<ModeResults> modes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path summary : files.filter(f -> f.getFileName().toString().endsWith(SUMMARY)).sorted().toList()) {
                String name = summary.getFileName().toString();
                modes.add(read(dir, name.substring(0, name.length() - SUMMARY.length())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the modes' results in " + dir, e);
        }
        return modes;
    }

    private static ModeResults read(Path dir, String mode) throws IOException {
        Properties summary = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve(mode + SUMMARY), StandardCharsets.UTF_8)) {
            summary.load(in);
        }
        Path document = dir.resolve(mode + DOCUMENT);
        String body = Files.isRegularFile(document) ? Files.readString(document, StandardCharsets.UTF_8) : "";
        Counts counts = new Counts(number(summary, "run"), number(summary, "passed"), number(summary, "failed"),
                number(summary, "errors"), number(summary, "skipped"));
        return new ModeResults(mode, summary.getProperty("server", ""), summary.getProperty("client", ""),
                summary.getProperty("date", ""), summary.getProperty("wallTime", ""), counts, body);
    }

    private static int number(Properties summary, String key) {
        try {
            return Integer.parseInt(summary.getProperty(key, "0").strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
