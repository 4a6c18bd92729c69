package io.wssocket.interop.report;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A third party the interop tests meet.
 *
 * @param classPrefix what its test classes' names start with ({@code NodeWs} for {@code NodeWsClientInteropTest})
 * @param name how the matrix names it (Markdown)
 * @param versionTemplate its version, with {@code {key}} for each value of {@link PeerVersions}
 * @param sides the directions it is tested in
 */
record MatrixPeer(String classPrefix, String name, String versionTemplate, Set<Direction> sides) {
    private static final Pattern KEY = Pattern.compile("\\{([a-z0-9.-]+)}");
    static final String UNKNOWN_VERSION = "unknown";

    MatrixPeer {
        sides = Set.copyOf(sides);
    }

    /** The version text, each {@code {key}} replaced by its version, or "unknown". */
    String version(Map<String, String> versions) {
        Matcher key = KEY.matcher(versionTemplate);
        StringBuilder text = new StringBuilder();
        while (key.find()) {
            key.appendReplacement(text, Matcher.quoteReplacement(versions.getOrDefault(key.group(1), UNKNOWN_VERSION)));
        }
        return key.appendTail(text).toString();
    }
}
