package io.wssocket.interop.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generator's tests' inputs: surefire reports made from the templates in
 * {@code src/test/resources/interop-report} (their {@code @CLASS@} replaced with a test class), and
 * a build's test classes as the reports' methods.
 */
final class ReportFixtures implements TestClasses {
    static final String CLIENT_SUITE = "client-suite.xml";
    static final String SERVER_SUITE = "server-suite.xml";
    static final String FAILING_SUITE = "failing-suite.xml";
    static final String UNKNOWN_METHOD = "unknown-method.xml";
    private static final Pattern METHOD = Pattern.compile("<testcase name=\"([A-Za-z0-9]+)[\"(\\[]");

    private final Map<String, Set<String>> classes = new HashMap<>();

    /** The text of a resource of {@code interop-report/}. */
    static String resource(String name) {
        try (InputStream in = ReportFixtures.class.getResourceAsStream("/interop-report/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource interop-report/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code TEST-<class>.xml} from a template, last modified at {@code written}; the class then exists with the template's methods. */
    Path report(Path directory, String template, Suite suite, Instant written) {
        return report(directory, template, suite.testClass(), written);
    }

    Path report(Path directory, String template, String testClass, Instant written) {
        String text = resource(template);
        Set<String> methods = new TreeSet<>();
        for (Matcher method = METHOD.matcher(text); method.find(); ) {
            methods.add(method.group(1));
        }
        classes.put(testClass, methods);
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve("TEST-" + testClass + ".xml");
            Files.writeString(file, text.replace("@CLASS@", testClass), StandardCharsets.UTF_8);
            Files.setLastModifiedTime(file, FileTime.from(written));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Declares a test class with these methods without writing a report for it. */
    void declare(Suite suite, Set<String> methods) {
        classes.put(suite.testClass(), Set.copyOf(methods));
    }

    @Override
    public Optional<Set<String>> testMethods(String className) {
        return Optional.ofNullable(classes.get(className));
    }
}
