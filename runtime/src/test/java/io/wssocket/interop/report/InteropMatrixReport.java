package io.wssocket.interop.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes the interoperability matrix from the surefire reports of the interop tests: the section
 * of README.md between {@code <!-- interop-matrix:start -->} and {@code <!-- interop-matrix:end -->},
 * and docs/interop.md whole. The runtime module's build runs it after its tests on copies under
 * {@code runtime/target/generated-docs} (see its pom), so that a build never changes a tracked file;
 * {@code bash docs/update-generated.sh} copies them into the docs. Arguments as {@link ReportOptions} says.
 *
 * <p>A run that did not report on every interop class and method (one narrowed with
 * {@code -Dtest=...}) leaves both files as they are and prints one line saying what is missing.
 * A test method that fits no {@link CaseGroup}, or an interop class that {@link MatrixPeers} does
 * not know, fails the generator, so that no case drops out of the matrix unseen.
 */
public final class InteropMatrixReport {
    static final MarkedSection README_SECTION = new MarkedSection("interop-matrix");

    private InteropMatrixReport() {
    }

    public static void main(String[] args) throws IOException {
        ReportOptions options = ReportOptions.parse(args);
        System.out.println(generate(options, new ClasspathTestClasses(InteropMatrixReport.class.getClassLoader()),
                () -> PeerVersions.collect(options.versions(), options.npmLock())));
    }

    /** Writes both files if the run is complete; returns the line that says what it did. */
    static String generate(ReportOptions options, TestClasses classes, Supplier<Map<String, String>> versions) throws IOException {
        RunCoverage coverage = RunCoverage.of(
                InteropReports.readFresh(options.reports(), options.runStarted(), new SurefireReportParser()), classes);
        if (!coverage.complete()) {
            return "Interop matrix not rewritten (it needs every interop test class of a run): missing "
                    + String.join(", ", coverage.gaps());
        }
        InteropMatrix matrix = InteropMatrix.of(coverage, versions.get(), options.runStarted());
        String readme = Files.readString(options.readme(), StandardCharsets.UTF_8);
        String updatedReadme = README_SECTION.replace(readme, readmeSection(matrix, options));
        Files.createDirectories(options.page().toAbsolutePath().getParent());
        writeIfChanged(options.page(), InteropPage.render(matrix));
        writeIfChanged(options.readme(), updatedReadme);
        long failed = matrix.tallies().values().stream().mapToInt(tally -> tally.total().failed()).sum();
        return "Interop matrix rewritten from " + matrix.tallies().size() + " test classes (" + failed + " cases failed): "
                + options.readme().toAbsolutePath().normalize() + ", " + options.page().toAbsolutePath().normalize();
    }

    private static String readmeSection(InteropMatrix matrix, ReportOptions options) {
        Path readmeDirectory = options.readme().toAbsolutePath().normalize().getParent();
        String link = readmeDirectory.relativize(options.page().toAbsolutePath().normalize()).toString().replace('\\', '/');
        return SummaryTable.render(matrix) + "\nWS Socket as the WebSocket implementation of Servlet containers:\n\n"
                + ServletContainersReport.placeholder() + "\nWritten by the build from the test reports. Counts per case group, the reasons"
                + " for skipped cases, versions and the JDK of the run: [" + link + "](" + link + ").\n";
    }

    /** Leaves a file that would not change untouched, so that a rerun with the same results changes nothing. */
    private static void writeIfChanged(Path file, String content) throws IOException {
        if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        }
    }
}
