package io.wssocket.interop.report;

import java.util.List;
import java.util.Map;

/**
 * What a surefire {@code TEST-<class>.xml} says: the test class, the system properties of the JVM
 * that ran it, and its cases.
 */
record SurefireReport(String testClass, Map<String, String> properties, List<CaseResult> cases) {
    SurefireReport {
        properties = Map.copyOf(properties);
        cases = List.copyOf(cases);
    }

    /** The JDK that ran the tests, as its system properties describe it. */
    String jdk() {
        return String.join(" ", properties.getOrDefault("java.runtime.name", "Java"),
                        properties.getOrDefault("java.runtime.version", properties.getOrDefault("java.version", "(version unknown)")))
                + (properties.containsKey("java.vendor") ? " (" + properties.get("java.vendor") + ")" : "");
    }
}
