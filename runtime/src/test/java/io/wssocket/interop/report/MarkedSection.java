package io.wssocket.interop.report;

/**
 * The part of a text between the lines {@code <!-- NAME:start -->} and {@code <!-- NAME:end -->},
 * which a generator owns; everything else, the markers included, stays as it is, byte for byte.
 */
final class MarkedSection {
    private final String start;
    private final String end;

    MarkedSection(String name) {
        this.start = "<!-- " + name + ":start -->";
        this.end = "<!-- " + name + ":end -->";
    }

    /** The text with {@code body} between the markers; fails unless each marker is there once, start first. */
    String replace(String text, String body) {
        int from = onlyIndex(text, start);
        int to = onlyIndex(text, end);
        if (to < from) {
            throw new IllegalArgumentException(end + " comes before " + start);
        }
        String lines = body.endsWith("\n") ? body : body + "\n";
        return text.substring(0, from + start.length()) + "\n" + lines + text.substring(to);
    }

    private static int onlyIndex(String text, String marker) {
        int index = text.indexOf(marker);
        if (index < 0) {
            throw new IllegalArgumentException("no " + marker + " in the text");
        }
        if (text.indexOf(marker, index + 1) >= 0) {
            throw new IllegalArgumentException(marker + " is in the text more than once");
        }
        return index;
    }
}
