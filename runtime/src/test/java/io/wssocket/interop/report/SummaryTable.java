package io.wssocket.interop.report;

import java.util.List;
import java.util.stream.Stream;

/**
 * The compact matrix: a row per peer, a column per direction over plain TCP, one column for TLS
 * that adds up both directions, and a column per direction for the permessage-deflate cases
 * (RFC 7692) over both transports (docs/interop.md has each class).
 */
final class SummaryTable {
    static final String DEFLATE_NOTE = "The permessage-deflate columns count the cases of that group only, over ws and wss"
            + " together; the other columns count every case of their classes, those included.";

    private SummaryTable() {
    }

    /** The table, a blank line and the legend; ends with a line break. */
    static String render(InteropMatrix matrix) {
        StringBuilder table = new StringBuilder();
        row(table, Stream.of(Stream.of("peer", "version"), Stream.of(Direction.values()).map(Direction::column),
                Stream.of("over TLS (wss), both ways"),
                Stream.of(Direction.values()).map(direction -> "permessage-deflate: " + direction.column())).flatMap(s -> s).toList());
        table.append("|---|---|").append("---|".repeat(2 * Direction.values().length + 1)).append('\n');
        for (MatrixPeer peer : MatrixPeers.ALL) {
            row(table, Stream.of(Stream.of(peer.name(), peer.version(matrix.versions())),
                    Stream.of(Direction.values()).map(direction -> plainCell(matrix, peer, direction)),
                    Stream.of(tlsCell(matrix, peer)),
                    Stream.of(Direction.values()).map(direction -> deflateCell(matrix, peer, direction))).flatMap(s -> s).toList());
        }
        return table.append('\n').append(Cells.LEGEND).append(' ').append(DEFLATE_NOTE).append('\n').toString();
    }

    private static void row(StringBuilder table, List<String> cells) {
        table.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    private static String plainCell(InteropMatrix matrix, MatrixPeer peer, Direction direction) {
        if (!peer.sides().contains(direction)) {
            return Cells.NOT_APPLICABLE;
        }
        return matrix.tally(peer, direction, Transport.WS).map(tally -> Cells.of(tally.total()))
                .orElseThrow(() -> new IllegalStateException("no results for " + new Suite(peer, direction, Transport.WS).simpleName()));
    }

    /** Both directions' TLS classes added up; says which side alone ran where only one did. */
    static String tlsCell(InteropMatrix matrix, MatrixPeer peer) {
        List<Direction> ran = Stream.of(Direction.values())
                .filter(direction -> matrix.tally(peer, direction, Transport.WSS).isPresent()).toList();
        if (ran.isEmpty()) {
            return Cells.NOT_RUN;
        }
        Counts sum = ran.stream().map(direction -> matrix.tally(peer, direction, Transport.WSS).orElseThrow().total())
                .reduce(Counts.NONE, Counts::plus);
        String cell = Cells.of(sum);
        return ran.size() == peer.sides().size() ? cell : cell + " (" + ran.get(0).peerSide() + " only)";
    }

    /** The permessage-deflate cases of one direction, its ws and wss classes added up; says so where only ws ran. */
    static String deflateCell(InteropMatrix matrix, MatrixPeer peer, Direction direction) {
        if (!peer.sides().contains(direction)) {
            return Cells.NOT_APPLICABLE;
        }
        List<SuiteTally> ran = Stream.of(Transport.values()).flatMap(transport -> matrix.tally(peer, direction, transport).stream())
                .toList();
        Counts sum = ran.stream().map(tally -> tally.groups().getOrDefault(CaseGroup.DEFLATE, Counts.NONE))
                .reduce(Counts.NONE, Counts::plus);
        String cell = Cells.of(sum);
        return ran.size() == Transport.values().length ? cell : cell + " (ws only)";
    }
}
