package io.wssocket.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TckResultsReportTest {

    @Test
    void writesTheResultsOfAFullRunWithTheClassesThatWroteNoReport(@TempDir Path dir) throws Exception {
        Path jar = fakeTckJar(dir.resolve("websocket-tck-spec-tests-2.2.0.jar"));
        Path output = dir.resolve("TCK-RESULTS.md");

        TckResultsReport.main(new String[] {
            "--reports=" + FailsafeReportReaderTest.samples(), "--output=" + output,
            "--partial-output=" + dir.resolve("partial.md"), "--filter=${it.test}", "--tck-jar=" + jar,
            "--client=tyrus", "--command=mvn   -B verify -Ptck", "--build-started=2025-01-02T03:04:05Z"});

        assertThat(output).content().contains("| command | `mvn -B verify -Ptck` |", "| client | tyrus |",
                "| TCK | websocket-tck-spec-tests-2.2.0.jar |", "| 8 | 2 | 1 | 4 | 1 |", "The TCK has 3.",
                "- spec.session.sessionid.WSClientIT\n", "| wall time |");
        assertThat(dir.resolve("partial.md")).doesNotExist();
    }

    @Test
    void theCommandShownLeavesOutWhereThisMachineKeepsTheModes() {
        assertThat(TckResultsReport.commandLine("mvn -B verify -Ptck -Dtck.modes.dir=/var/tmp/modes -Dtest=NONE"))
                .isEqualTo("mvn -B verify -Ptck -Dtest=NONE");
    }

    @Test
    void aNarrowedRunWritesThePartialResultsAndListsNoMissingClasses(@TempDir Path dir) throws Exception {
        Path jar = fakeTckJar(dir.resolve("tck.jar"));
        Path full = dir.resolve("TCK-RESULTS.md");
        Path partial = dir.resolve("target/TCK-RESULTS.md");

        TckResultsReport.main(new String[] {
            "--reports=" + FailsafeReportReaderTest.samples(), "--output=" + full, "--partial-output=" + partial,
            "--filter=WSClientIT", "--tck-jar=" + jar, "--command=mvn ${env.MAVEN_CMD_LINE_ARGS}"});

        assertThat(full).doesNotExist();
        assertThat(partial).content().contains("| narrowed to | `-Dit.test=WSClientIT` |",
                "| command | `mvn -pl tck-runner -am verify -Ptck` |", "| client | (not given) |").doesNotContain("wrote no report");
    }

    @Test
    void fullRunsOfTwoModesAreReportedSideBySide(@TempDir Path dir) throws Exception {
        Path jar = fakeTckJar(dir.resolve("tck.jar"));
        Path output = dir.resolve("TCK-RESULTS.md");
        Path modes = dir.resolve("modes");

        for (String mode : new String[] {"wssocket-standalone.wssocket-client", "tomcat-websocket-in-tomcat.tyrus-client"}) {
            TckResultsReport.main(new String[] {
                "--reports=" + FailsafeReportReaderTest.samples(), "--output=" + output, "--modes-dir=" + modes,
                "--mode=" + mode, "--server=server of " + mode, "--tck-jar=" + jar, "--client=client of " + mode});
        }

        assertThat(output).content().contains(
                "| `wssocket-standalone.wssocket-client` | server of wssocket-standalone.wssocket-client |",
                "| `tomcat-websocket-in-tomcat.tyrus-client` | server of tomcat-websocket-in-tomcat.tyrus-client |",
                "## Mode `wssocket-standalone.wssocket-client`", "## Mode `tomcat-websocket-in-tomcat.tyrus-client`",
                "| server | server of tomcat-websocket-in-tomcat.tyrus-client |", "### Totals");
        assertThat(modes.resolve("wssocket-standalone.wssocket-client.md")).exists();
    }

    @Test
    void aNarrowedRunLeavesTheModesAlone(@TempDir Path dir) throws Exception {
        Path modes = dir.resolve("modes");
        Path partial = dir.resolve("target/TCK-RESULTS.md");

        TckResultsReport.main(new String[] {
            "--reports=" + FailsafeReportReaderTest.samples(), "--output=" + dir.resolve("TCK-RESULTS.md"),
            "--partial-output=" + partial, "--modes-dir=" + modes, "--mode=wssocket-in-tomcat.wssocket-client",
            "--filter=WSClientIT"});

        assertThat(modes).doesNotExist();
        assertThat(partial).content().contains("| mode | `wssocket-in-tomcat.wssocket-client` |", "## Totals");
    }

    @Test
    void findsTheTopLevelTestClassesOfTheJar(@TempDir Path dir) throws IOException {
        assertThat(TckResultsReport.testClassesIn(fakeTckJar(dir.resolve("tck.jar")))).containsExactly(
                FailsafeReportReaderTest.SESSION, FailsafeReportReaderTest.NEGDEP,
                TckPackages.ROOT + "spec.session.sessionid.WSClientIT");
    }

    @Test
    void unresolvedMavenExpressionsCountAsAbsent() {
        assertThat(TckResultsReport.parse(new String[] {"--filter=${it.test}", "--client=tyrus", "--command="}))
                .containsOnlyKeys("client");
    }

    private static Path fakeTckJar(Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (String entry : new String[] {
                "com/sun/ts/tests/websocket/ee/jakarta/websocket/session/WSClientIT.class",
                "com/sun/ts/tests/websocket/ee/jakarta/websocket/session/WSClientIT$1.class",
                "com/sun/ts/tests/websocket/ee/jakarta/websocket/session/WSTestServer.class",
                "com/sun/ts/tests/websocket/negdep/onmessage/srv/textduplicate/WSCClientIT.class",
                "com/sun/ts/tests/websocket/spec/session/sessionid/WSClientIT.class"}) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.closeEntry();
            }
        }
        return jar;
    }
}
