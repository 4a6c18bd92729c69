package io.wssocket.interop.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The interop matrix's rows "WS Socket in &lt;container&gt;", from the surefire reports of
 * container-glue/servlet: its build runs this after its tests (phase prepare-package), since they
 * run after the runtime module, whose {@link InteropMatrixReport} leaves the section
 * {@value #SECTION} for these rows. It writes the section's body to
 * {@code target/generated-docs/}{@value #BODY_FILE}; {@code bash docs/update-generated.sh} puts it
 * between the section's markers in docs/interop.md and README.md.
 *
 * <p>A row per container: each served one's {@code io.wssocket.servlet.interop.<Container>ChatInteropTest}
 * (the chat sample's WAR met by Tyrus's client, methods {@code tyrus...}, and by its page in headless
 * Chromium, {@code chromium...}; those with {@code Deflate} in their name also count for
 * permessage-deflate); then why Jetty is served through its core handover rather than its Servlet
 * upgrade, with what {@code JettyUpgradeInputTest} found of the latter in this run. A run without a fresh report of every served container's class writes nothing and removes an
 * earlier body, so that no stale rows are copied into the docs.
 *
 * <pre>
 * --reports=DIR          container-glue/servlet's surefire reports
 * --run-started=TIME     the build's start, an ISO instant (Maven's maven.build.timestamp)
 * --out=DIR              where the body goes
 * --version=KEY=VERSION  a container's or client's pinned version: tomcat, undertow, jetty, tyrus (repeatable)
 * </pre>
 */
public final class ServletContainersReport {
    /** The name of the marked section in docs/interop.md and README.md that holds the rows. */
    static final String SECTION = "servlet-containers";
    static final String BODY_FILE = SECTION + ".md";
    /** What the runtime's generator puts in the section, for a build whose servlet glue's tests did not run. */
    static final String NOT_RUN = "Not run in this build: these rows come from container-glue/servlet's tests, which run after"
            + " the runtime's (`mvn verify` runs both; then `bash docs/update-generated.sh`).\n";
    static final String PACKAGE = "io.wssocket.servlet.interop";
    static final String JETTY_PROBE = "io.wssocket.servlet.containers.JettyUpgradeInputTest";
    static final String JDK_CASES = "io.wssocket.servlet.bridge.WebSocketInServletContainersTest";

    /** A container the glue serves: its row's name, version key, and test class's simple name. */
    record Served(String name, String versionKey, String classPrefix) {
        String testClass() {
            return PACKAGE + "." + classPrefix + "ChatInteropTest";
        }
    }

    static final List<Served> SERVED = List.of(new Served("Tomcat 11", "tomcat", "Tomcat"),
            new Served("Jetty 12.1 (ee10)", "jetty", "Jetty"), new Served("Undertow 2.3", "undertow", "Undertow"));

    /** The columns after name and version: which methods each counts. */
    private static final Map<String, Predicate<String>> COLUMNS = columns();

    private ServletContainersReport() {
    }

    /** The section as the runtime's generator writes it: the markers around {@link #NOT_RUN}; ends with a line break. */
    static String placeholder() {
        return "<!-- " + SECTION + ":start -->\n" + NOT_RUN + "<!-- " + SECTION + ":end -->\n";
    }

    private static Map<String, Predicate<String>> columns() {
        Map<String, Predicate<String>> columns = new LinkedHashMap<>();
        columns.put("Tyrus client", method -> method.startsWith("tyrus"));
        columns.put("the chat page in headless Chromium", method -> method.startsWith("chromium"));
        columns.put("permessage-deflate (both clients)", method -> method.contains("Deflate"));
        return columns;
    }

    public static void main(String[] args) throws IOException {
        ReportOptions.Arguments arguments = ReportOptions.Arguments.of(args);
        System.out.println(generate(Path.of(arguments.required("reports")), Instant.parse(arguments.required("run-started")),
                Path.of(arguments.required("out")), arguments.versions()));
    }

    /** Writes the body if every served container's class reported in this run; returns the line that says what it did. */
    static String generate(Path reports, Instant runStarted, Path out, Map<String, String> versions) throws IOException {
        Path body = out.resolve(BODY_FILE);
        Map<String, SurefireReport> fresh = readFresh(reports, runStarted);
        List<String> missing = SERVED.stream().map(Served::testClass).filter(name -> !fresh.containsKey(name)).toList();
        if (!missing.isEmpty()) {
            Files.deleteIfExists(body);
            return "Interop matrix rows for Servlet containers not written (they need every container's class of a run): missing "
                    + missing.stream().map(name -> name.substring(name.lastIndexOf('.') + 1)).collect(Collectors.joining(", "));
        }
        Files.createDirectories(out);
        Files.writeString(body, render(fresh, versions), StandardCharsets.UTF_8);
        return "Interop matrix rows for Servlet containers written: " + body.toAbsolutePath().normalize();
    }

    static String render(Map<String, SurefireReport> reports, Map<String, String> versions) {
        StringBuilder text = new StringBuilder();
        text.append("| WS Socket in | version | ").append(String.join(" | ", COLUMNS.keySet())).append(" |\n")
                .append("|---|---|").append("---|".repeat(COLUMNS.size())).append('\n');
        for (Served container : SERVED) {
            SurefireReport report = reports.get(container.testClass());
            List<String> cells = new ArrayList<>(List.of(container.name(), versions.getOrDefault(container.versionKey(),
                    MatrixPeer.UNKNOWN_VERSION)));
            COLUMNS.values().forEach(column -> cells.add(Cells.of(count(report, column))));
            text.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        text.append('\n');

        text.append("Each case deploys the chat sample as `samples/chat-war`'s `chat.war` would be deployed, with Weld Servlet")
                .append(" as its CDI and WS Socket's Servlet glue as the container's WebSocket implementation (the container's")
                .append(" own left off the class path), and has its members chat and leave; the cells count the cases of `")
                .append(SERVED.stream().map(Served::classPrefix).collect(Collectors.joining("|", "{", "}")))
                .append("ChatInteropTest` (`container-glue/servlet/src/test/java/io/wssocket/servlet/interop`), in the legend's terms.")
                .append(" The Tyrus client offers permessage-deflate only when asked (its deflate extension); Chromium offers it")
                .append(" on every connection and the server agrees by default.");
        Optional.ofNullable(reports.get(JDK_CASES)).ifPresent(jdk -> text.append(" The JDK's `java.net.http` client in the")
                .append(" same containers: `WebSocketInServletContainersTest`, ").append(Cells.of(count(jdk, method -> true))).append('.'));
        text.append("\n\nIn Jetty the glue takes the connection over at Jetty's core level, as Jetty's own WebSocket does:")
                .append(" its `HttpServletRequest.upgrade` ends the upgraded input at once when the client waits for the 101")
                .append(" before sending, as every WebSocket client does (RFC 6455 §4.1), so no message would arrive")
                .append(" (`container-glue/servlet/CONTAINERS.md`).");
        Optional.ofNullable(reports.get(JETTY_PROBE)).ifPresent(probe -> {
            Counts counts = count(probe, method -> true);
            text.append(counts.failed() == 0 && counts.passed() > 0
                    ? " `JettyUpgradeInputTest` still finds it so in this run (" + Cells.of(counts) + ")."
                    : " `JettyUpgradeInputTest`, which pins that loss, failed in this run (" + Cells.of(counts)
                            + "): Jetty may now hand the bytes over; see CONTAINERS.md.");
        });
        return text.append('\n').toString();
    }

    /** The cases of {@code report} whose method {@code column} counts; fails on a method no column counts. */
    private static Counts count(SurefireReport report, Predicate<String> column) {
        Counts counts = Counts.NONE;
        for (CaseResult result : report.cases()) {
            if (result.method().isEmpty() || column.test(result.method())) {
                counts = counts.plus(Counts.of(result.outcome()));
            }
        }
        return counts;
    }

    private static Map<String, SurefireReport> readFresh(Path directory, Instant runStarted) throws IOException {
        Map<String, SurefireReport> reports = new HashMap<>();
        List<String> wanted = new ArrayList<>(SERVED.stream().map(Served::testClass).toList());
        wanted.add(JETTY_PROBE);
        wanted.add(JDK_CASES);
        SurefireReportParser parser = new SurefireReportParser();
        for (String testClass : wanted) {
            Path file = directory.resolve("TEST-" + testClass + ".xml");
            if (Files.isRegularFile(file) && !Files.getLastModifiedTime(file).toInstant().isBefore(runStarted)) {
                SurefireReport report = parser.parse(file);
                for (CaseResult result : report.cases()) {
                    if (testClass.startsWith(PACKAGE) && !result.method().isEmpty()
                            && COLUMNS.values().stream().noneMatch(column -> column.test(result.method()))) {
                        throw new IllegalStateException(testClass + "." + result.method() + " fits no column of the matrix's"
                                + " Servlet container rows: name it tyrus... or chromium... (" + ServletContainersReport.class.getName() + ")");
                    }
                }
                reports.put(testClass, report);
            }
        }
        return reports;
    }
}
