package io.wssocket.interop.report;

import io.wssocket.interop.report.CaseResult.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads a surefire {@code TEST-*.xml} report with the JDK's DOM parser. A case with a
 * {@code <failure>} or {@code <error>} failed; one with only {@code <flakyFailure>} or
 * {@code <flakyError>} passed on a rerun; one with {@code <skipped>} was skipped, for the reason
 * in its {@code message}, or else in the first line of the trace surefire puts in its text.
 */
final class SurefireReportParser {
    /** Longest reason kept; the report files have the rest. */
    static final int REASON_LENGTH = 160;
    /** {@code org.opentest4j.TestAbortedException: } in front of a trace's first line. */
    private static final Pattern THROWABLE_PREFIX = Pattern.compile("^(?:[\\w$]+\\.)+[\\w$]*(?:Exception|Error|Throwable): ");
    /** What JUnit's assumptions put in front of their message. */
    private static final String ASSUMPTION_PREFIX = "Assumption failed: ";

    private final DocumentBuilder parser;

    SurefireReportParser() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            parser = factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser refuses a secure configuration", e);
        }
    }

    SurefireReport parse(Path file) {
        Element suite;
        try {
            suite = parser.parse(file.toFile()).getDocumentElement();
        } catch (SAXException e) {
            throw new IllegalArgumentException(file + " is not a well-formed surefire report: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (!suite.getTagName().equals("testsuite")) {
            throw new IllegalArgumentException(file + " is not a surefire report: its root is <" + suite.getTagName() + ">");
        }
        String testClass = suite.getAttribute("name").strip();
        Map<String, String> properties = new HashMap<>();
        List<CaseResult> cases = new ArrayList<>();
        for (Element child : children(suite)) {
            if (child.getTagName().equals("properties")) {
                children(child).forEach(property -> properties.put(property.getAttribute("name"), property.getAttribute("value")));
            } else if (child.getTagName().equals("testcase")) {
                cases.add(caseOf(child, testClass));
            }
        }
        return new SurefireReport(testClass, properties, cases);
    }

    private static CaseResult caseOf(Element testCase, String testClass) {
        String name = testCase.getAttribute("name").strip();
        String method = methodOf(name, testClass);
        Optional<Element> failure = child(testCase, "failure").or(() -> child(testCase, "error"));
        if (failure.isPresent()) {
            return new CaseResult(name, method, Outcome.FAILED, reasonOf(failure.get()));
        }
        return child(testCase, "skipped")
                .map(skipped -> new CaseResult(name, method, Outcome.SKIPPED, reasonOf(skipped)))
                .orElseGet(() -> new CaseResult(name, method, Outcome.PASSED, ""));
    }

    /**
     * The method of {@code name(int)[3]} or {@code name}; empty where JUnit reports the class
     * itself (a failed {@code @BeforeAll} or extension), under the class's name or none.
     */
    static String methodOf(String caseName, String testClass) {
        String simpleClass = testClass.substring(testClass.lastIndexOf('.') + 1);
        if (caseName.isEmpty() || caseName.equals(testClass) || caseName.equals(simpleClass)) {
            return "";
        }
        int end = caseName.length();
        for (char stop : new char[] {'(', '['}) {
            int at = caseName.indexOf(stop);
            end = at < 0 ? end : Math.min(end, at);
        }
        return caseName.substring(0, end).strip();
    }

    /** The message attribute, else the trace's first line without the throwable's type; clipped. */
    static String reasonOf(Element element) {
        String line = firstLine(element.getAttribute("message"));
        if (line.isEmpty()) {
            line = THROWABLE_PREFIX.matcher(firstLine(element.getTextContent())).replaceFirst("");
        }
        if (line.startsWith(ASSUMPTION_PREFIX)) {
            line = line.substring(ASSUMPTION_PREFIX.length());
        }
        if (line.isEmpty()) {
            line = element.getAttribute("type").isBlank() ? "(no message)" : element.getAttribute("type").strip();
        }
        return line.length() <= REASON_LENGTH ? line : line.substring(0, REASON_LENGTH - 1).stripTrailing() + "…";
    }

    private static String firstLine(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse("");
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }

    private static Optional<Element> child(Element parent, String tag) {
        return children(parent).stream().filter(element -> element.getTagName().equals(tag)).findFirst();
    }
}
