package io.wssocket.interop.report;

import java.util.List;
import java.util.stream.Stream;

/**
 * The compact matrix: a row per peer, a column per direction over plain TCP, and one column for
 * TLS that adds up both directions (docs/interop.md has each).
 */
final class SummaryTable {
    private SummaryTable() {
    }

    /** The table, a blank line and the legend; ends with a line break. */
    static String render(InteropMatrix matrix) {
        StringBuilder table = new StringBuilder();
        row(table, Stream.concat(Stream.of("peer", "version"), Stream.of(Direction.values()).map(Direction::column)).toList(),
                "over TLS (wss), both ways");
        table.append("|---|---|").append("---|".repeat(Direction.values().length)).append("---|\n");
        for (MatrixPeer peer : MatrixPeers.ALL) {
            row(table, Stream.concat(Stream.of(peer.name(), peer.version(matrix.versions())),
                    Stream.of(Direction.values()).map(direction -> plainCell(matrix, peer, direction))).toList(), tlsCell(matrix, peer));
        }
        return table.append('\n').append(Cells.LEGEND).append('\n').toString();
    }

    private static void row(StringBuilder table, List<String> cells, String last) {
        table.append("| ").append(String.join(" | ", cells)).append(" | ").append(last).append(" |\n");
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
}
