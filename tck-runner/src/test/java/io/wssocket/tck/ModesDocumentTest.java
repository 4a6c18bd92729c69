package io.wssocket.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.tck.ResultsDocument.Counts;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModesDocumentTest {
    static ModeResults mode(String name, int passed, int errors) {
        return new ModeResults(name, "server of " + name, "client of " + name, "2026-12-06 12:00 UTC", "4 min 2 s",
                new Counts(passed + errors, passed, 0, errors, 0), "| | |\n|---|---|\n| mode | `" + name + "` |\n\n## Totals\n\nbody of " + name + "\n");
    }

    @Test
    void listsEveryModeWithItsTotalsInATable() {
        String md = ModesDocument.render(List.of(mode("wssocket-standalone.wssocket-client", 704, 33)));

        assertThat(md).startsWith("# Jakarta WebSocket TCK results\n").contains(
                "| mode | server | client | date | run | passed | failed | errors | skipped | wall time |",
                "| `wssocket-standalone.wssocket-client` | server of wssocket-standalone.wssocket-client"
                        + " | client of wssocket-standalone.wssocket-client | 2026-12-06 12:00 UTC | 737 | 704 | 0 | 33 | 0 | 4 min 2 s |");
    }

    @Test
    void putsEachModesResultsUnderItsOwnHeadingOneLevelDown() {
        String md = ModesDocument.render(List.of(mode("wssocket-standalone.wssocket-client", 704, 33),
                mode("tomcat-websocket-in-tomcat.wssocket-client", 737, 0)));

        assertThat(md).contains("## Mode `wssocket-standalone.wssocket-client`\n\n| | |",
                "### Totals\n\nbody of wssocket-standalone.wssocket-client",
                "## Mode `tomcat-websocket-in-tomcat.wssocket-client`\n\n", "body of tomcat-websocket-in-tomcat.wssocket-client")
                .doesNotContain("\n## Totals");
    }

    @Test
    void ordersWsSocketsServersFirstAndOurClientBeforeTyrus() {
        List<ModeResults> shuffled = List.of(mode("tomcat-websocket-in-tomcat.wssocket-client", 737, 0),
                mode("wssocket-in-tomcat.tyrus-client", 737, 0), mode("wssocket-standalone.tyrus-client", 704, 33),
                mode("wssocket-in-tomcat.wssocket-client", 737, 0), mode("wssocket-standalone.wssocket-client", 704, 33));

        assertThat(shuffled.stream().sorted(ModesDocument.ORDER).map(ModeResults::mode)).containsExactly(
                "wssocket-standalone.wssocket-client", "wssocket-standalone.tyrus-client",
                "wssocket-in-tomcat.wssocket-client", "wssocket-in-tomcat.tyrus-client",
                "tomcat-websocket-in-tomcat.wssocket-client");
    }

    @Test
    void saysSoWhenNoModeHasRun() {
        assertThat(ModesDocument.render(List.of())).contains("None: no full TCK run has written its results yet.");
    }

    @Test
    void aModesResultsReadBackAsTheyWereWritten(@TempDir Path dir) {
        ModeResults written = mode("wssocket-in-tomcat.tyrus-client", 730, 7);

        written.write(dir);

        assertThat(ModeResults.readAll(dir)).containsExactly(written);
        assertThat(ModeResults.readAll(dir.resolve("absent"))).isEmpty();
    }
}
