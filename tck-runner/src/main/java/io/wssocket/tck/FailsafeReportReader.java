package io.wssocket.tck;

import io.wssocket.tck.TestOutcome.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Reads failsafe's {@code TEST-*.xml} reports (the JUnit XML format) into test outcomes. */
final class FailsafeReportReader {
    /** Longest reason kept; the rest is in the report files. */
    static final int REASON_LENGTH = 150;
    /**
     * How the WS Socket Arquillian container logs an application it refused (with
     * failOnDeploymentError=false); the line is found in the class's {@code -output.txt}.
     */
    static final String REFUSED_DEPLOYMENT = "WS Socket refused ";
    private static final String CAUSED_BY = "Caused by: ";
    /** The TCK's message when the cause is only in the test's output. */
    static final String SEE_OUTPUT = "Check output for cause of failure";
    /** How the TCK's client logs what the server answered, or what went wrong on the client. */
    private static final Pattern TCK_RESPONSE =
            Pattern.compile("\\[WebSocketCommonClient\\] (?:Response|Unexpected error on client endpoint): ?(.*)");

    private final DocumentBuilder parser;

    FailsafeReportReader() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            parser = factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured", e);
        }
    }

    /** Every report in the directory, in file-name order; none when the directory does not exist. */
    Reports readDirectory(Path directory) {
        List<TestOutcome> outcomes = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        Map<String, String> refused = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return new Reports(outcomes, classes, refused);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith("TEST-") && name.endsWith(".xml");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        for (Path file : files) {
            Reports one = readFile(file);
            outcomes.addAll(one.outcomes());
            classes.addAll(one.classes());
            for (String testClass : one.classes()) {
                refusedDeployment(directory.resolve(testClass + "-output.txt")).ifPresent(line -> refused.put(testClass, line));
            }
        }
        return new Reports(outcomes, classes, refused);
    }

    /** The server's line saying it refused the class's application, from the class's captured output. */
    static Optional<String> refusedDeployment(Path output) {
        if (!Files.isRegularFile(output)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(output, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(REFUSED_DEPLOYMENT)).findFirst()
                    .map(line -> line.substring(line.indexOf(REFUSED_DEPLOYMENT)).strip());
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty(); // output that is not UTF-8 text says nothing about deployments
        }
    }

    /** One report file: its suite's class and the outcome of each of its test cases. */
    Reports readFile(Path file) {
        Document document;
        try {
            document = parser.parse(file.toFile());
        } catch (SAXException e) {
            throw new IllegalArgumentException(file + " is not a well-formed JUnit XML report: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Element suite = document.getDocumentElement();
        List<String> classes = new ArrayList<>();
        if (!suite.getAttribute("name").isBlank()) {
            classes.add(suite.getAttribute("name").trim());
        }
        List<TestOutcome> outcomes = new ArrayList<>();
        NodeList cases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            outcomes.add(outcomeOf((Element) cases.item(i), suite.getAttribute("name")));
        }
        return new Reports(outcomes, classes, Map.of());
    }

    private static TestOutcome outcomeOf(Element testCase, String suiteName) {
        String className = testCase.getAttribute("classname").isBlank() ? suiteName : testCase.getAttribute("classname");
        String method = testCase.getAttribute("name").trim();
        if (method.equals(className) || method.endsWith("." + simpleName(className))) {
            method = ""; // JUnit 5 reports a failure of the class itself under the class's name
        }
        // A test that failed and then passed on a rerun has only flaky* children: it passed.
        Element failure = firstChild(testCase, "failure");
        if (failure != null) {
            return new TestOutcome(className.trim(), method, Status.FAILED, reasonOf(failure, testCase));
        }
        Element error = firstChild(testCase, "error");
        if (error != null) {
            return new TestOutcome(className.trim(), method, Status.ERROR, reasonOf(error, testCase));
        }
        Element skipped = firstChild(testCase, "skipped");
        if (skipped != null) {
            return new TestOutcome(className.trim(), method, Status.SKIPPED, firstLine(skipped.getAttribute("message")));
        }
        return new TestOutcome(className.trim(), method, Status.PASSED, "");
    }

    /**
     * {@link #reasonOf(Element)}, except that when the TCK says only "check output", the last
     * answer its client logged (in the test case's captured output) says more.
     */
    static String reasonOf(Element failure, Element testCase) {
        String reason = reasonOf(failure);
        if (!reason.contains(SEE_OUTPUT)) {
            return reason;
        }
        String lastResponse = null;
        for (String name : new String[] {"system-err", "system-out"}) {
            Element output = firstChild(testCase, name);
            if (output == null) {
                continue;
            }
            for (String line : output.getTextContent().split("\\R")) {
                Matcher m = TCK_RESPONSE.matcher(line);
                if (m.find()) {
                    lastResponse = m.group(1).strip();
                }
            }
        }
        return lastResponse == null ? reason
                : clip("test case failed; last response: " + (lastResponse.isEmpty() ? "(empty)" : lastResponse));
    }

    /**
     * The root cause when the trace has one (the TCK wraps most errors in a generic
     * "[FATAL] Unexpected failure during test execution."); else the first line of the message;
     * without one, the exception type and the first line of the trace.
     */
    static String reasonOf(Element failure) {
        String rootCause = "";
        for (String line : failure.getTextContent().split("\\R")) {
            if (line.startsWith(CAUSED_BY)) {
                rootCause = line.substring(CAUSED_BY.length()).strip();
            }
        }
        if (!rootCause.isEmpty()) {
            return clip(rootCause);
        }
        String message = firstLine(failure.getAttribute("message"));
        String type = failure.getAttribute("type").trim();
        if (!message.isEmpty()) {
            return clip(message);
        }
        String trace = firstLine(failure.getTextContent());
        if (!type.isEmpty() && !trace.startsWith(type)) {
            trace = trace.isEmpty() ? type : type + ": " + trace;
        }
        return clip(trace.isEmpty() ? "(no message)" : trace);
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                return line.strip();
            }
        }
        return "";
    }

    static String clip(String line) {
        return line.length() <= REASON_LENGTH ? line : line.substring(0, REASON_LENGTH - 1).stripTrailing() + "…";
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static Element firstChild(Element parent, String name) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    /**
     * What the reports hold: every test case, the classes that wrote a report, and for the classes
     * whose application the server refused, the server's line saying why.
     */
    record Reports(List<TestOutcome> outcomes, List<String> classes, Map<String, String> refusedDeployments) {
        Reports {
            outcomes = List.copyOf(outcomes);
            classes = List.copyOf(classes);
            refusedDeployments = Map.copyOf(refusedDeployments);
        }
    }
}
