package io.wssocket.interop.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InteropMatrixReportTest {
    private static final Instant RUN_STARTED = Instant.parse("2026-11-26T03:00:00Z");
    private static final Instant IN_THIS_RUN = RUN_STARTED.plusSeconds(90);
    private static final String README_BEFORE = "# WS Socket\r\n\nIntro with ✓ and `code`.\n\n<!-- interop-matrix:start -->";
    private static final String README_AFTER = "<!-- interop-matrix:end -->\n\n## Status\n\nLast line without a line break";
    private static final String OLD_README = README_BEFORE + "\n| old | table |\n" + README_AFTER;
    private static final Map<String, String> VERSIONS =
            Map.of("tyrus", "2.2.0", "jetty", "12.1.14", "tomcat", "11.0.27", "ws", "8.23.0", "node", "20.20.2",
                    "chromium", "156.0.8078.108", "wssocket", "0.1.0-SNAPSHOT");

    @TempDir
    Path dir;
    private final ReportFixtures fixtures = new ReportFixtures();
    private Path reports;
    private Path readme;
    private Path page;
    private ReportOptions options;

    @BeforeEach
    void writeReadme() throws IOException {
        reports = dir.resolve("runtime/target/surefire-reports");
        readme = Files.writeString(dir.resolve("README.md"), OLD_README, StandardCharsets.UTF_8);
        page = dir.resolve("docs/interop.md");
        options = new ReportOptions(reports, RUN_STARTED, readme, page, Optional.empty(), Map.of());
    }

    /** Reports of every plain class: the client template for third-party clients, the server one for our client. */
    private void completeRun() {
        for (Suite suite : MatrixPeers.suites()) {
            if (suite.transport() == Transport.WS) {
                String template = suite.direction() == Direction.CLIENT_TO_US ? ReportFixtures.CLIENT_SUITE : ReportFixtures.SERVER_SUITE;
                fixtures.report(reports, template, suite, IN_THIS_RUN);
            }
        }
    }

    private String generate() throws IOException {
        return InteropMatrixReport.generate(options, fixtures, () -> VERSIONS);
    }

    private static Suite suite(String peerPrefix, Direction direction, Transport transport) {
        MatrixPeer peer = MatrixPeers.ALL.stream().filter(p -> p.classPrefix().equals(peerPrefix)).findFirst().orElseThrow();
        return new Suite(peer, direction, transport);
    }

    @Test
    void aCompleteRunRewritesTheReadmeSectionAndThePage() throws IOException {
        completeRun();

        assertThat(generate()).startsWith("Interop matrix rewritten from 10 test classes (0 cases failed)");

        String written = Files.readString(readme, StandardCharsets.UTF_8);
        assertThat(written).startsWith(README_BEFORE + "\n| peer | version | its client → WS Socket server | WS Socket client → its server |")
                .endsWith(".\n" + README_AFTER)
                .contains("| Tyrus (Grizzly) | 2.2.0 | ✓ 8 (5 n/a) | ✓ 8/8 | not run | ✓ 2 (1 n/a) (ws only) | ✓ 2/2 (ws only) |\n",
                        "| JDK `java.net.http` | 17.0.15 | ✓ 8 (5 n/a) | — | not run | ✓ 2 (1 n/a) (ws only) | — |\n",
                        "| Node.js `ws` | 8.23.0 (Node.js 20.20.2) | ✓ 8 (5 n/a) | ✓ 8/8 | not run | ✓ 2 (1 n/a) (ws only) |"
                                + " ✓ 2/2 (ws only) |\n",
                        "| WS Socket (our own server) | 0.1.0-SNAPSHOT | — | ✓ 8/8 | not run | — | ✓ 2/2 (ws only) |\n",
                        "over TLS (wss), both ways | permessage-deflate: its client → WS Socket server"
                                + " | permessage-deflate: WS Socket client → its server |\n",
                        SummaryTable.DEFLATE_NOTE,
                        "[docs/interop.md](docs/interop.md)")
                .doesNotContain("old | table");
        assertThat(page).content(StandardCharsets.UTF_8).contains(
                "in the build of 2026-11-26 (UTC), run on OpenJDK Runtime Environment 17.0.15+6 (Example).",
                "### Tyrus (Grizzly) 2.2.0 — `TyrusClientInteropTest`: ✓ 8 (5 n/a)",
                "| close codes | 2 | 0 | 2 |",
                "| permessage-deflate | 2 | 0 | 1 |",
                "| **all** | 8 | 0 | 5 |",
                "- the client keeps its compression context between messages (1)\n",
                "`deflateCompressesWhatGoesOnTheWire`, `deflateEchoesEverySizeOnOneConnection`,"
                        + " `deflateEchoesFragmentedCompressedMessages`, `deflateIsNegotiatedAndBothEndsSayWhat` |",
                "## Peer deviations\n\n",
                "- **Tyrus (Grizzly) 2.2.0**: permessage-deflate (tyrus-extension-deflate 2.2.0) keeps one Deflater",
                "- **Jetty 12.1.14**: Its client (12.1) keeps its compression context",
                "- the client library refuses to send close code 1002, 1003 (2)\n",
                "- the client's API cannot send a ping (1)\n",
                "| partial/streaming | messages handed to partial handlers",
                "`partialHandlerEchoesEachPieceAsItArrives`, `partialHandlersGetTheServersFragments` |",
                "Not run, the build has no such test class: `TyrusServerWssInteropTest`, `JettyServerWssInteropTest`,");
    }

    @Test
    void theTlsColumnAddsUpTheTlsClassesTheBuildHas() throws IOException {
        completeRun();
        fixtures.report(reports, ReportFixtures.SERVER_SUITE, suite("NodeWs", Direction.CLIENT_TO_US, Transport.WSS), IN_THIS_RUN);
        fixtures.report(reports, ReportFixtures.SERVER_SUITE, suite("Jetty", Direction.CLIENT_TO_US, Transport.WSS), IN_THIS_RUN);
        fixtures.report(reports, ReportFixtures.CLIENT_SUITE, suite("Jetty", Direction.US_TO_SERVER, Transport.WSS), IN_THIS_RUN);

        generate();

        assertThat(readme).content(StandardCharsets.UTF_8).contains(
                "| Node.js `ws` | 8.23.0 (Node.js 20.20.2) | ✓ 8 (5 n/a) | ✓ 8/8 | ✓ 8/8 (its client only) | ✓ 4 (1 n/a)"
                        + " | ✓ 2/2 (ws only) |\n",
                "| Jetty | 12.1.14 | ✓ 8 (5 n/a) | ✓ 8/8 | ✓ 16 (5 n/a) | ✓ 4 (1 n/a) | ✓ 4 (1 n/a) |\n",
                "| Chromium, headless | 156.0.8078.108 | ✓ 8 (5 n/a) | — | not run | ✓ 2 (1 n/a) (ws only) | — |\n");
        assertThat(page).content(StandardCharsets.UTF_8).contains(
                "## Third-party clients → WS Socket server, wss://\n\n### Jetty 12.1.14 — `JettyClientWssInteropTest`: ✓ 8/8",
                "### Node.js `ws` 8.23.0 (Node.js 20.20.2) — `NodeWsClientWssInteropTest`: ✓ 8/8")
                .doesNotContain("`NodeWsClientWssInteropTest`,");
    }

    @Test
    void failedCasesShowAsFailed() throws IOException {
        completeRun();
        fixtures.report(reports, ReportFixtures.FAILING_SUITE, suite("Tomcat", Direction.US_TO_SERVER, Transport.WS), IN_THIS_RUN);

        assertThat(generate()).contains("(3 cases failed)");

        assertThat(readme).content(StandardCharsets.UTF_8)
                .contains("| Tomcat | 11.0.27 | — | ✗ 3 failed | not run | — | ✗ no cases ran (ws only) |\n");
        assertThat(page).content(StandardCharsets.UTF_8).contains(
                "### Tomcat 11.0.27 — `TomcatServerInteropTest`: ✗ 3 failed",
                "| echo | 1 | 1 | 0 |",
                "| class setup | 0 | 1 | 0 |",
                "- `wholeHandlersGetTheEchoByteForByte(MessageType, int, EchoRoute)[2]`: [code of the server's answer]\n",
                "- `serverAnswersClientPingWithPong(int)[1]`: java.util.concurrent.TimeoutException\n",
                "- `io.wssocket.interop.TomcatServerInteropTest`: peer did not start\n");
    }

    @Test
    void aRunWithoutEveryClassLeavesBothFilesAlone() throws IOException {
        completeRun();
        Suite jettyServer = suite("Jetty", Direction.US_TO_SERVER, Transport.WS);
        Files.delete(reports.resolve("TEST-" + jettyServer.testClass() + ".xml"));

        assertThat(generate()).isEqualTo("Interop matrix not rewritten (it needs every interop test class of a run): missing"
                + " JettyServerInteropTest (no report from this run)");

        assertThat(readme).content(StandardCharsets.UTF_8).isEqualTo(OLD_README);
        assertThat(page).doesNotExist();
    }

    @Test
    void aReportOfAnEarlierRunDoesNotCount() throws IOException {
        completeRun();
        Suite jdk = suite("Jdk", Direction.CLIENT_TO_US, Transport.WS);
        Files.setLastModifiedTime(reports.resolve("TEST-" + jdk.testClass() + ".xml"), FileTime.from(RUN_STARTED.minusSeconds(1)));

        assertThat(generate()).endsWith("missing JdkClientInteropTest (no report from this run)");

        assertThat(readme).content(StandardCharsets.UTF_8).isEqualTo(OLD_README);
    }

    @Test
    void aRunNarrowedToSomeMethodsLeavesBothFilesAlone() throws IOException {
        completeRun();
        Suite tyrusClient = suite("Tyrus", Direction.CLIENT_TO_US, Transport.WS);
        fixtures.declare(tyrusClient, Set.of("echoesMessageByteForByte", "serverClosesWithCode", "clientClosesWithCodeTwice"));

        assertThat(generate()).endsWith("missing TyrusClientInteropTest (without clientClosesWithCodeTwice)");

        assertThat(readme).content(StandardCharsets.UTF_8).isEqualTo(OLD_README);
    }

    @Test
    void aTlsClassOfTheBuildMustHaveReportedToo() throws IOException {
        completeRun();
        fixtures.declare(suite("Tomcat", Direction.US_TO_SERVER, Transport.WSS), Set.of("wholeHandlersGetTheEchoByteForByte"));

        assertThat(generate()).endsWith("missing TomcatServerWssInteropTest (no report from this run)");
    }

    @Test
    void aCaseThatFitsNoGroupStopsTheGeneratorBeforeItWrites() throws IOException {
        completeRun();
        fixtures.report(reports, ReportFixtures.UNKNOWN_METHOD, suite("Jdk", Direction.CLIENT_TO_US, Transport.WS), IN_THIS_RUN);

        assertThatThrownBy(this::generate).isInstanceOf(CaseGroup.UnknownCaseException.class)
                .hasMessageContaining("handshakeCarriesExtraHeaders");

        assertThat(readme).content(StandardCharsets.UTF_8).isEqualTo(OLD_README);
        assertThat(page).doesNotExist();
    }

    @Test
    void anInteropClassOfNoKnownPeerStopsTheGenerator() {
        completeRun();
        fixtures.report(reports, ReportFixtures.CLIENT_SUITE, "io.wssocket.interop.OkHttpClientInteropTest", IN_THIS_RUN);

        assertThatThrownBy(this::generate).hasMessageContaining("OkHttpClientInteropTest is an interop test the matrix does not know");
    }

    @Test
    void aPlainClassTheBuildLacksStopsTheGenerator() throws IOException {
        completeRun();
        Suite ours = suite("WsSocket", Direction.US_TO_SERVER, Transport.WS);
        ReportFixtures withoutOurServer = new ReportFixtures();
        for (Suite suite : MatrixPeers.suites()) {
            fixtures.testMethods(suite.testClass()).filter(methods -> !suite.equals(ours))
                    .ifPresent(methods -> withoutOurServer.declare(suite, methods));
        }

        assertThatThrownBy(() -> InteropMatrixReport.generate(options, withoutOurServer, () -> VERSIONS))
                .hasMessageContaining("names io.wssocket.interop.WsSocketServerInteropTest, which is not a test class of this build");
    }

    @Test
    void theSameResultsLeaveTheFilesUntouched() throws IOException {
        completeRun();
        generate();
        FileTime longAgo = FileTime.from(RUN_STARTED.minusSeconds(3600));
        Files.setLastModifiedTime(readme, longAgo);
        Files.setLastModifiedTime(page, longAgo);

        generate();

        assertThat(Files.getLastModifiedTime(readme)).isEqualTo(longAgo);
        assertThat(Files.getLastModifiedTime(page)).isEqualTo(longAgo);
    }
}
