package io.wssocket.interop.report;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** docs/interop.md: the matrix, then each class's counts per case group, skip reasons and failures. */
final class InteropPage {
    static final String GENERATED_BY = "<!-- Generated from the surefire reports of the runtime module's interop tests by "
            + InteropMatrixReport.class.getName() + " during `mvn verify`"
            + " (into runtime/target/generated-docs), the section servlet-containers by " + ServletContainersReport.class.getName()
            + " from container-glue/servlet's (into its target/generated-docs), and copied here by `bash docs/update-generated.sh`;"
            + " edits here are overwritten. -->";

    /** What the cases found real peers doing that an application or operator needs to know. */
    static final String PEER_BEHAVIOUR = """
            ## Peer behaviour to know

            - **Jetty 12's client and permessage-deflate.** Jetty 12.1's client sets up its deflate extension \
            from its own offer, not from the server's answer, and reads the parameters as a server would: \
            `server_no_context_takeover` in its offer makes it reset its compressor after each message, \
            `client_no_context_takeover` its decompressor. With its usual offer (`permessage-deflate`) it keeps \
            its compression context although WS Socket's server answers `client_no_context_takeover` \
            (RFC 7692 §7.1.1.2), so its second compressed message refers to its first. The default server keeps \
            no inflater between messages and fails such a connection with 1007 ("compressed message refers to an \
            earlier one: peer ignored client_no_context_takeover"), and its operator log says once how to serve \
            such clients. Jetty clients work when they offer `permessage-deflate; server_no_context_takeover`, or \
            against a server with `deflate-context-takeover=true` (an inflater kept for each such connection, \
            within `deflate-context-memory`). `JettyClientDeflateTest` checks the three.
            - **Tomcat 11's server and compressed fragments.** With permessage-deflate Tomcat sends fewer frames \
            than its endpoint sent parts (an empty message's parts collapse into its last frame; compressed output \
            is held back across parts), which RFC 6455 §5.4 lets an extension do. `TomcatServerInteropTest` \
            counts the server's fragments with deflate off on our client (its user property \
            `io.wssocket.permessage-deflate`) and checks compressed fragmented replies in a case of its own.

            """;

    private InteropPage() {
    }

    static String render(InteropMatrix matrix) {
        StringBuilder page = new StringBuilder();
        page.append("# Interoperability\n\n").append(GENERATED_BY).append("\n\n")
                .append("Results of the interop tests (`runtime/src/test/java/io/wssocket/interop`) in the build of ")
                .append(matrix.date()).append(" (UTC), run on ").append(matrix.jdk()).append(". Each peer runs on the same")
                .append(" machine and talks to WS Socket over loopback. A skipped case is one the peer's API cannot express;")
                .append(" its reason is listed under the peer.\n\n")
                .append("## Summary\n\n").append(SummaryTable.render(matrix)).append('\n')
                .append("## WS Socket in Servlet containers\n\n").append(ServletContainersReport.placeholder()).append('\n');
        caseGroups(page, matrix);
        deviations(page, matrix);
        page.append(PEER_BEHAVIOUR);
        for (Transport transport : Transport.values()) {
            for (Direction direction : Direction.values()) {
                section(page, matrix, direction, transport);
            }
        }
        return page.toString();
    }

    private static void caseGroups(StringBuilder page, InteropMatrix matrix) {
        Map<CaseGroup, Set<String>> methods = matrix.tallies().values().stream().flatMap(tally -> tally.methods().entrySet().stream())
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.flatMapping(entry -> entry.getValue().stream(),
                        Collectors.toCollection(TreeSet::new))));
        page.append("## Case groups\n\n| group | what it covers | test methods |\n|---|---|---|\n");
        for (CaseGroup group : CaseGroup.values()) {
            if (methods.containsKey(group)) {
                page.append("| ").append(group.label()).append(" | ").append(group.description()).append(" | ")
                        .append(methods.get(group).stream().filter(method -> !method.isEmpty()).map(method -> "`" + method + "`")
                                .collect(Collectors.joining(", "))).append(" |\n");
            }
        }
        page.append('\n');
    }

    private static void deviations(StringBuilder page, InteropMatrix matrix) {
        page.append("## Peer deviations\n\nWhat the cases found peers doing that the RFCs do not have them do, or what keeps")
                .append(" a peer out of some cases. Where a case is named, it asserts the behaviour as it is: it passes while")
                .append(" the peer behaves exactly so, and fails once that changes.\n\n");
        for (MatrixPeer peer : MatrixPeers.ALL) {
            for (String deviation : PeerDeviations.BY_PEER.getOrDefault(peer.classPrefix(), List.of())) {
                page.append("- **").append(peer.name()).append(' ').append(peer.version(matrix.versions())).append("**: ")
                        .append(deviation).append('\n');
            }
        }
        page.append('\n');
    }

    private static void section(StringBuilder page, InteropMatrix matrix, Direction direction, Transport transport) {
        page.append("## ").append(direction.heading()).append(", ").append(transport.scheme()).append("\n\n");
        List<Suite> notRun = matrix.notRun().stream()
                .filter(suite -> suite.direction() == direction && suite.transport() == transport).toList();
        for (MatrixPeer peer : MatrixPeers.ALL) {
            matrix.tally(peer, direction, transport).ifPresent(tally -> suite(page, matrix, new Suite(peer, direction, transport), tally));
        }
        if (!notRun.isEmpty()) {
            page.append("Not run, the build has no such test class: ")
                    .append(notRun.stream().map(suite -> "`" + suite.simpleName() + "`").collect(Collectors.joining(", ")))
                    .append(".\n\n");
        }
    }

    private static void suite(StringBuilder page, InteropMatrix matrix, Suite suite, SuiteTally tally) {
        page.append("### ").append(suite.peer().name()).append(' ').append(suite.peer().version(matrix.versions()))
                .append(" — `").append(suite.simpleName()).append("`: ").append(Cells.of(tally.total())).append("\n\n")
                .append("| case group | passed | failed | skipped |\n|---|---:|---:|---:|\n");
        tally.groups().forEach((group, counts) -> countsRow(page, group.label(), counts));
        countsRow(page, "**all**", tally.total());
        page.append('\n');
        if (!tally.skipReasons().isEmpty()) {
            page.append("Skipped:\n\n");
            SkipReasons.lines(tally.skipReasons()).forEach(line -> page.append("- ").append(line).append('\n'));
            page.append('\n');
        }
        if (!tally.failures().isEmpty()) {
            page.append("Failed:\n\n");
            tally.failures().forEach(failure -> page.append("- `").append(failure.name()).append("`: ").append(failure.reason()).append('\n'));
            page.append('\n');
        }
    }

    private static void countsRow(StringBuilder page, String label, Counts counts) {
        page.append("| ").append(label).append(" | ").append(counts.passed()).append(" | ").append(counts.failed())
                .append(" | ").append(counts.skipped()).append(" |\n");
    }
}
