package io.wssocket.tck;

import java.util.Comparator;
import java.util.List;

/**
 * The Markdown of TCK-RESULTS.md over every mode run: a table with each mode's totals, then each
 * mode's results under its own heading.
 */
final class ModesDocument {
    /**
     * WS Socket's own servers first (standalone, then inside containers), then the reference
     * implementations; within one server, WS Socket's client before the others.
     */
    static final Comparator<ModeResults> ORDER = Comparator
            .comparingInt((ModeResults m) -> serverRank(server(m.mode())))
            .thenComparing(m -> server(m.mode()))
            .thenComparingInt(m -> client(m.mode()).startsWith("wssocket") ? 0 : 1)
            .thenComparing(m -> client(m.mode()));

    private ModesDocument() {
    }

    /** The document over {@code modes}, in {@link #ORDER}. */
    static String render(List<ModeResults> modes) {
        List<ModeResults> ordered = modes.stream().sorted(ORDER).toList();
        StringBuilder md = new StringBuilder(ResultsDocument.TITLE);
        md.append("One section per mode: the server the TCK's applications were deployed into and the client its tests used,")
                .append(" each with the newest full run of that mode in this build directory (tck-runner/README.md gives the")
                .append(" command for each).\n\n");
        md.append("## Modes\n\n");
        if (ordered.isEmpty()) {
            md.append("None: no full TCK run has written its results yet.\n");
            return md.toString();
        }
        md.append("| mode | server | client | date | run | passed | failed | errors | skipped | wall time |\n");
        md.append("|---|---|---|---|---:|---:|---:|---:|---:|---|\n");
        for (ModeResults m : ordered) {
            ResultsDocument.Counts c = m.counts();
            md.append("| `").append(m.mode()).append("` | ").append(ResultsDocument.cell(m.server())).append(" | ")
                    .append(ResultsDocument.cell(m.client())).append(" | ").append(ResultsDocument.cell(m.date()))
                    .append(" | ").append(c.run()).append(" | ").append(c.passed()).append(" | ").append(c.failed())
                    .append(" | ").append(c.errors()).append(" | ").append(c.skipped()).append(" | ")
                    .append(ResultsDocument.cell(m.wallTime())).append(" |\n");
        }
        for (ModeResults m : ordered) {
            md.append("\n## Mode `").append(m.mode()).append("`\n\n").append(oneLevelDown(m.body()).strip()).append('\n');
        }
        return md.toString();
    }

    /** A mode's document under the mode's heading: each of its headings one level deeper. */
    static String oneLevelDown(String markdown) {
        return markdown.replaceAll("(?m)^(#+) ", "#$1 ");
    }

    /** The server part of a mode's name ({@code SERVER.CLIENT-client}). */
    private static String server(String mode) {
        int dot = mode.lastIndexOf('.');
        return dot < 0 ? mode : mode.substring(0, dot);
    }

    private static String client(String mode) {
        int dot = mode.lastIndexOf('.');
        return dot < 0 ? "" : mode.substring(dot + 1);
    }

    private static int serverRank(String server) {
        if (server.equals("wssocket-standalone")) {
            return 0;
        }
        return server.startsWith("wssocket") ? 1 : 2;
    }
}
