package io.wssocket.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

import io.wssocket.tck.TestOutcome.Status;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailsafeReportReaderTest {
    static final String SESSION = "com.sun.ts.tests.websocket.ee.jakarta.websocket.session.WSClientIT";
    static final String NEGDEP = "com.sun.ts.tests.websocket.negdep.onmessage.srv.textduplicate.WSCClientIT";

    static Path samples() throws URISyntaxException {
        return Path.of(FailsafeReportReaderTest.class.getResource("/reports/sample").toURI());
    }

    private final FailsafeReportReader reader = new FailsafeReportReader();

    @Test
    void readsEveryTestCaseOfEveryReportAndNothingElse() throws Exception {
        FailsafeReportReader.Reports reports = reader.readDirectory(samples());

        assertThat(reports.classes()).containsExactly(SESSION, NEGDEP);
        assertThat(reports.outcomes()).extracting(TestOutcome::testName, TestOutcome::status).containsExactly(
                Tuple.tuple(SESSION + "#isOpenTest", Status.PASSED),
                Tuple.tuple(SESSION + "#getIdTest", Status.FAILED),
                Tuple.tuple(SESSION + "#getContainerTest", Status.ERROR),
                Tuple.tuple(SESSION + "#wrappedTest", Status.ERROR),
                Tuple.tuple(SESSION + "#seeOutputTest", Status.ERROR),
                Tuple.tuple(SESSION + "#disabledTest", Status.SKIPPED),
                Tuple.tuple(NEGDEP + "#(class)", Status.ERROR),
                Tuple.tuple(NEGDEP + "#testDuplicate", Status.PASSED));
    }

    @Test
    void aReasonIsTheFirstLineOfTheMessage() throws Exception {
        List<TestOutcome> outcomes = reader.readDirectory(samples()).outcomes();

        assertThat(outcomes.get(1).reason())
                .isEqualTo("[WebSocketCommonClient] The countDownLatch has been hit only 0 was expected 1 times");
        assertThat(outcomes.get(0).reason()).isEmpty();
    }

    @Test
    void withoutAMessageTheReasonIsTheExceptionType() throws Exception {
        assertThat(reader.readDirectory(samples()).outcomes().get(2).reason()).isEqualTo("java.lang.NullPointerException");
    }

    @Test
    void aWrappedErrorGivesItsRootCause() throws Exception {
        assertThat(reader.readDirectory(samples()).outcomes().get(3).reason())
                .isEqualTo("org.glassfish.tyrus.core.HandshakeException: Response code was not 101: 404.");
    }

    @Test
    void whenTheTckSaysCheckTheOutputTheReasonIsItsClientsLastResponse() throws Exception {
        assertThat(reader.readDirectory(samples()).outcomes().get(4).reason()).isEqualTo(
                "test case failed; last response: java.lang.IllegalStateException: no decoder for message type java.io.Reader");
    }

    @Test
    void findsTheApplicationsTheServerRefusedInTheCapturedOutput() throws Exception {
        assertThat(reader.readDirectory(samples()).refusedDeployments()).containsOnly(entry(NEGDEP,
                "WS Socket refused wsc_negdep_textduplicate_web.war; it serves nothing (failOnDeploymentError=false): "
                        + "endpoint com.sun.ts.tests.websocket.negdep.EchoServerEndpoint: annotated endpoints are not supported yet"));
    }

    @Test
    void aLongReasonIsClipped() throws Exception {
        String reason = reader.readDirectory(samples()).outcomes().get(6).reason();

        assertThat(reason).startsWith("Cannot deploy: wsc_negdep_textduplicate_web.war: the endpoint <TextDuplicate>")
                .hasSizeLessThanOrEqualTo(FailsafeReportReader.REASON_LENGTH).endsWith("…");
    }

    @Test
    void aMissingDirectoryHoldsNoReports() {
        FailsafeReportReader.Reports reports = reader.readDirectory(Path.of("no-such-directory"));

        assertThat(reports.outcomes()).isEmpty();
        assertThat(reports.classes()).isEmpty();
        assertThat(reports.refusedDeployments()).isEmpty();
    }

    @Test
    void aBrokenReportNamesTheFile(@TempDir Path dir) throws IOException {
        Path broken = Files.writeString(dir.resolve("TEST-Broken.xml"), "<testsuite name=\"x\">");

        assertThatIllegalArgumentException().isThrownBy(() -> reader.readFile(broken)).withMessageContaining("TEST-Broken.xml");
    }
}
