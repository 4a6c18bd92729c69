package io.wssocket.tck;

import io.wssocket.tck.ResultsDocument.Counts;
import io.wssocket.tck.ResultsDocument.RunDescription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Writes TCK-RESULTS.md from failsafe's reports; the tck profile runs it after the TCK.
 *
 * <pre>
 * --reports=DIR          failsafe's reports directory (TEST-*.xml)
 * --mode=NAME            the run's mode: its server and client (e.g. wssocket-standalone.wssocket-client)
 * --server=TEXT          where the TCK's applications were deployed
 * --modes-dir=DIR        where each mode's newest full results are kept; with it, a full run replaces
 *                        its mode's results there and --output lists every mode found there
 * --output=FILE          the results file of a full run
 * --partial-output=FILE  the results file of a run narrowed with -Dit.test (so a single class
 *                        does not overwrite the full results); defaults to --output
 * --filter=PATTERN       the -Dit.test pattern of the run, if any
 * --tck-jar=FILE         the TCK jar: its *IT classes that wrote no report are listed
 * --client=TEXT          the WebSocket client the TCK used
 * --command=TEXT         the command line of the run
 * --build-started=TIME   the build's start (ISO instant, Maven's maven.build.timestamp), for the wall time
 * </pre>
 *
 * Arguments whose value is an unresolved Maven expression ({@code ${...}}) count as absent. A run
 * narrowed with {@code --filter} writes only its own results, to the partial output, and leaves the
 * modes alone.
 */
public final class TckResultsReport {
    private static final String DEFAULT_COMMAND = "mvn -pl tck-runner -am verify -Ptck";

    private TckResultsReport() {
    }

    public static void main(String[] args) {
        Map<String, String> options = parse(args);
        Path reports = Path.of(options.getOrDefault("reports", "target/failsafe-reports"));
        String filter = options.getOrDefault("filter", "");
        Path output = Path.of(options.getOrDefault("output", "TCK-RESULTS.md"));
        if (!filter.isEmpty() && options.containsKey("partial-output")) {
            output = Path.of(options.get("partial-output"));
        }
        Optional<Path> tckJar = Optional.ofNullable(options.get("tck-jar")).map(Path::of).filter(Files::isRegularFile);

        Instant now = Instant.now();
        RunDescription run = new RunDescription(
                options.getOrDefault("mode", ""),
                options.getOrDefault("server", ""),
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(now.atOffset(ZoneOffset.UTC)),
                commandLine(options.get("command")),
                options.getOrDefault("client", "(not given)"),
                tckJar.map(p -> p.getFileName().toString()).orElse(""),
                filter,
                buildStart(options.get("build-started")).map(start -> Duration.between(start, now)));

        FailsafeReportReader.Reports read = new FailsafeReportReader().readDirectory(reports);
        Optional<List<String>> expected = filter.isEmpty() ? tckJar.map(TckResultsReport::testClassesIn) : Optional.empty();
        Counts c = Counts.of(read.outcomes());
        String document;
        if (filter.isEmpty() && options.containsKey("modes-dir")) {
            Path modesDir = Path.of(options.get("modes-dir"));
            new ModeResults(run.mode().isEmpty() ? "unnamed" : run.mode(), run.server(), run.client(), run.date(),
                    run.wallTime().map(ResultsDocument::minutesAndSeconds).orElse(""), c,
                    ResultsDocument.body(run, read, expected)).write(modesDir);
            document = ModesDocument.render(ModeResults.readAll(modesDir));
        } else {
            document = ResultsDocument.render(run, read, expected);
        }
        try {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(output, document, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output, e);
        }

        int missing = expected.map(all -> (int) all.stream().filter(n -> !read.classes().contains(n)).count()).orElse(0);
        System.out.printf("TCK results%s: %d run, %d passed, %d failed, %d errors, %d skipped in %d classes%s; written to %s%n",
                run.mode().isEmpty() ? "" : " of " + run.mode(), c.run(), c.passed(), c.failed(), c.errors(), c.skipped(),
                new TreeSet<>(read.classes()).size(),
                missing == 0 ? "" : " (" + missing + " classes wrote no report)", output.toAbsolutePath().normalize());
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got: " + arg);
            }
            String name = arg.substring(2, arg.indexOf('='));
            String value = arg.substring(arg.indexOf('=') + 1).strip();
            if (!value.isEmpty() && !value.contains("${")) {
                options.put(name, value);
            }
        }
        return options;
    }

    /**
     * The run's command as the results show it: without {@code -Dtck.modes.dir=...}, which says
     * where this machine keeps the results, not what was tested (and would put a machine's path
     * into the committed file).
     */
    static String commandLine(String given) {
        if (given == null) {
            return DEFAULT_COMMAND;
        }
        String command = given.replaceAll("\\s-Dtck\\.modes\\.dir=\\S+", "").replaceAll("\\s+", " ").strip();
        return command.equals("mvn") ? DEFAULT_COMMAND : command;
    }

    private static Optional<Instant> buildStart(String timestamp) {
        if (timestamp == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(timestamp).truncatedTo(ChronoUnit.SECONDS));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The TCK's test classes: the top-level {@code *IT} classes in the jar. */
    static List<String> testClassesIn(Path jar) {
        TreeSet<String> classes = new TreeSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (name.endsWith("IT.class") && !name.contains("$")) {
                    classes.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
        return List.copyOf(classes);
    }
}
