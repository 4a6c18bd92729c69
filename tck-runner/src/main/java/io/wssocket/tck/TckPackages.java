package io.wssocket.tck;

/**
 * Names the TCK's test packages for the results file. The TCK mirrors the API's package names
 * under its areas ({@code ee.jakarta.websocket.session}, {@code api.jakarta.websocket.closereason}),
 * so the {@code jakarta.websocket} part is dropped: the group of a class is its area and the next
 * segment that says something ({@code ee.session}, {@code negdep.onmessage}).
 */
final class TckPackages {
    static final String ROOT = "com.sun.ts.tests.websocket.";

    private TckPackages() {
    }

    /** The class name without the TCK's common prefix, for short lines. */
    static String shortName(String className) {
        return className.startsWith(ROOT) ? className.substring(ROOT.length()) : className;
    }

    /** The first segment after {@code websocket}: api, ee, negdep, signaturetest or spec. */
    static String area(String className) {
        String[] segments = packageSegments(className);
        return segments.length == 0 ? "(default)" : segments[0];
    }

    /** The area and the first segment after it that is not the mirrored {@code jakarta.websocket}. */
    static String group(String className) {
        String[] segments = packageSegments(className);
        if (segments.length == 0) {
            return "(default)";
        }
        int next = 1;
        if (segments.length > 3 && segments[1].equals("jakarta") && segments[2].equals("websocket")) {
            next = 3;
        }
        return next < segments.length ? segments[0] + "." + segments[next] : segments[0];
    }

    private static String[] packageSegments(String className) {
        String name = shortName(className);
        int lastDot = name.lastIndexOf('.');
        return lastDot < 0 ? new String[0] : name.substring(0, lastDot).split("\\.");
    }
}
