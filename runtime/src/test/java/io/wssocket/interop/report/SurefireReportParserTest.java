package io.wssocket.interop.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.wssocket.interop.report.CaseResult.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SurefireReportParserTest {
    private static final String TEST_CLASS = "io.wssocket.interop.TomcatServerInteropTest";

    @Test
    void readsEveryWayACaseCanEnd(@TempDir Path dir) {
        Path file = new ReportFixtures().report(dir, ReportFixtures.FAILING_SUITE, TEST_CLASS, Instant.now());

        SurefireReport report = new SurefireReportParser().parse(file);

        assertThat(report.testClass()).isEqualTo(TEST_CLASS);
        assertThat(report.jdk()).isEqualTo("OpenJDK Runtime Environment 25+36-LTS");
        assertThat(report.cases()).extracting(CaseResult::method, CaseResult::outcome, CaseResult::reason).containsExactly(
                tuple("wholeHandlersGetTheEchoByteForByte", Outcome.PASSED, ""),
                tuple("wholeHandlersGetTheEchoByteForByte", Outcome.FAILED,
                        "[code of the server's answer]"),
                tuple("serverAnswersClientPingWithPong", Outcome.FAILED,
                        "java.util.concurrent.TimeoutException"),
                tuple("clientSeesTheCodeTheServerClosesWith", Outcome.PASSED, ""),
                tuple("sessionHasNoSubprotocolWithoutAgreement", Outcome.SKIPPED,
                        "the server offers no subprotocols"),
                tuple("partialHandlersGetTheServersFragments", Outcome.PASSED, ""),
                tuple("", Outcome.FAILED, "peer did not start"));
        assertThat(report.cases().get(6).group()).isEqualTo(CaseGroup.CLASS_SETUP);
    }

    @Test
    void aSkipWithoutMessageHasTheAssumptionFromTheTrace(@TempDir Path dir) {
        Path file = new ReportFixtures().report(dir, ReportFixtures.CLIENT_SUITE, TEST_CLASS, Instant.now());

        SurefireReport report = new SurefireReportParser().parse(file);

        assertThat(report.cases()).filteredOn(result -> result.outcome() == Outcome.SKIPPED).extracting(CaseResult::reason)
                .containsExactly("the client's API sends whole messages only", "the client's API cannot send a ping",
                        "the client library refuses to send close code 1003", "the client library refuses to send close code 1002",
                        "the client keeps its compression context between messages");
    }

    @Test
    void theMethodIsTheNameBeforeItsParametersOrIndex() {
        assertThat(SurefireReportParser.methodOf("serverClosesWithCode(int)[3]", TEST_CLASS)).isEqualTo("serverClosesWithCode");
        assertThat(SurefireReportParser.methodOf("bothEndsAgree", TEST_CLASS)).isEqualTo("bothEndsAgree");
        assertThat(SurefireReportParser.methodOf("echo[2]", TEST_CLASS)).isEqualTo("echo");
        assertThat(SurefireReportParser.methodOf("TomcatServerInteropTest", TEST_CLASS)).isEmpty();
        assertThat(SurefireReportParser.methodOf("", TEST_CLASS)).isEmpty();
    }

    @Test
    void refusesWhatIsNotASurefireReport(@TempDir Path dir) throws Exception {
        Path notXml = Files.writeString(dir.resolve("TEST-broken.xml"), "<testsuite", StandardCharsets.UTF_8);
        Path otherXml = Files.writeString(dir.resolve("TEST-other.xml"), "<project/>", StandardCharsets.UTF_8);
        Path withDoctype = Files.writeString(dir.resolve("TEST-doctype.xml"),
                "<!DOCTYPE testsuite [<!ENTITY x SYSTEM \"file:///etc/hostname\">]><testsuite name=\"&x;\"/>", StandardCharsets.UTF_8);
        SurefireReportParser parser = new SurefireReportParser();

        assertThatThrownBy(() -> parser.parse(notXml)).hasMessageContaining("not a well-formed surefire report");
        assertThatThrownBy(() -> parser.parse(otherXml)).hasMessageContaining("its root is <project>");
        assertThatThrownBy(() -> parser.parse(withDoctype)).hasMessageContaining("not a well-formed surefire report");
    }
}
