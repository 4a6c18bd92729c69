package io.wssocket.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.tck.ResultsDocument.RunDescription;
import io.wssocket.tck.TestOutcome.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultsDocumentTest {
    static final String ROOT = TckPackages.ROOT;
    static final RunDescription RUN = new RunDescription("", "", "2025-01-02 03:04 UTC", "mvn -B -pl tck-runner -am verify -Ptck",
            "tyrus", "websocket-tck-spec-tests-2.2.0.jar", "", Optional.of(Duration.ofSeconds(421)));

    static final List<TestOutcome> OUTCOMES = List.of(
            new TestOutcome(ROOT + "ee.jakarta.websocket.session.WSClientIT", "isOpenTest", Status.PASSED, ""),
            new TestOutcome(ROOT + "ee.jakarta.websocket.session.WSClientIT", "getIdTest", Status.FAILED, "latch | not hit"),
            new TestOutcome(ROOT + "ee.jakarta.websocket.coder.WSClientIT", "encodeTest", Status.ERROR, "latch | not hit"),
            new TestOutcome(ROOT + "negdep.malformedpath.WSCClientIT", "", Status.ERROR, "Cannot deploy <war>"),
            new TestOutcome(ROOT + "spec.session.sessionid.WSClientIT", "idTest", Status.SKIPPED, ""));
    static final List<String> CLASSES = List.of(ROOT + "ee.jakarta.websocket.session.WSClientIT",
            ROOT + "ee.jakarta.websocket.coder.WSClientIT", ROOT + "negdep.malformedpath.WSCClientIT",
            ROOT + "spec.session.sessionid.WSClientIT");

    static FailsafeReportReader.Reports reports(List<TestOutcome> outcomes, List<String> classes) {
        return new FailsafeReportReader.Reports(outcomes, classes, Map.of());
    }

    @Test
    void headsTheDocumentWithWhatRanAndHow() {
        String md = ResultsDocument.render(RUN, reports(OUTCOMES, CLASSES), Optional.empty());

        assertThat(md).contains("| date | 2025-01-02 03:04 UTC |", "| command | `mvn -B -pl tck-runner -am verify -Ptck` |",
                "| client | tyrus |", "| wall time | 7 min 1 s (build start to this file) |").doesNotContain("narrowed to");
    }

    @Test
    void namesTheModeAndTheServerWhenGiven() {
        RunDescription inTomcat = new RunDescription("wssocket-in-tomcat.tyrus-client", "WS Socket in embedded Tomcat",
                RUN.date(), RUN.command(), RUN.client(), RUN.tck(), "", Optional.empty());

        assertThat(ResultsDocument.render(inTomcat, reports(OUTCOMES, CLASSES), Optional.empty()))
                .contains("| mode | `wssocket-in-tomcat.tyrus-client` |\n| server | WS Socket in embedded Tomcat |\n");
        assertThat(ResultsDocument.render(RUN, reports(OUTCOMES, CLASSES), Optional.empty())).doesNotContain("| mode |", "| server |");
    }

    @Test
    void countsTheTotalsThePackagesAndTheAreas() {
        String md = ResultsDocument.render(RUN, reports(OUTCOMES, CLASSES), Optional.empty());

        assertThat(md).contains("| 5 | 1 | 1 | 2 | 1 |\n", "4 test classes wrote a report.");
        assertThat(md).contains("| ee | 2 | 3 | 1 | 1 | 1 | 0 |\n", "| negdep | 1 | 1 | 0 | 0 | 1 | 0 |\n");
        assertThat(md).contains("| ee.session | 1 | 2 | 1 | 1 | 0 | 0 |\n", "| ee.coder | 1 | 1 | 0 | 0 | 1 | 0 |\n",
                "| spec.session | 1 | 1 | 0 | 0 | 0 | 1 |\n");
    }

    @Test
    void listsEveryFailingTestWithItsReasonEscapedForTheTable() {
        String md = ResultsDocument.render(RUN, reports(OUTCOMES, CLASSES), Optional.empty());

        assertThat(md).contains("## Failing tests (3)",
                "| ee.jakarta.websocket.session.WSClientIT#getIdTest | failed | latch \\| not hit |",
                "| ee.jakarta.websocket.coder.WSClientIT#encodeTest | error | latch \\| not hit |",
                "| negdep.malformedpath.WSCClientIT#(class) | error | Cannot deploy &lt;war&gt; |");
        assertThat(md).doesNotContain("#isOpenTest", "#idTest");
    }

    @Test
    void ranksTheReasonsByHowManyTestsTheyFail() {
        String md = ResultsDocument.render(RUN, reports(OUTCOMES, CLASSES), Optional.empty());

        assertThat(md).contains("| tests | reason |\n|---:|---|\n| 2 | latch \\| not hit |\n| 1 | Cannot deploy &lt;war&gt; |\n");
    }

    @Test
    void namesTheTckClassesThatWroteNoReport() {
        List<String> expected = List.of(CLASSES.get(0), CLASSES.get(1), CLASSES.get(2), CLASSES.get(3),
                ROOT + "spec.application.closing.WSClientIT");

        String md = ResultsDocument.render(RUN, reports(OUTCOMES, CLASSES), Optional.of(expected));

        assertThat(md).contains("The TCK has 5.", "1 classes wrote no report", "- spec.application.closing.WSClientIT\n");
    }

    @Test
    void groupsTheFailingTestsOfRefusedApplicationsByTheServersReason() {
        Map<String, String> refused = Map.of(
                CLASSES.get(0), "WS Socket refused ws_session_web.war: endpoint " + ROOT + "ee.X: annotated endpoints are not supported yet",
                CLASSES.get(1), "WS Socket refused ws_coder_web.war: endpoint " + ROOT + "ee.Y: annotated endpoints are not supported yet");

        String md = ResultsDocument.render(RUN, new FailsafeReportReader.Reports(OUTCOMES, CLASSES, refused), Optional.empty());

        assertThat(md).contains("## Applications the server refused", "2 test classes deployed an application",
                "| 2 | 2 | endpoint …: annotated endpoints are not supported yet |",
                "| ee.jakarta.websocket.session.WSClientIT | 1 | endpoint ee.X: annotated endpoints are not supported yet |");
    }

    @Test
    void leavesOutTheRefusedSectionWhenNothingWasRefused() {
        assertThat(ResultsDocument.render(RUN, reports(OUTCOMES, CLASSES), Optional.empty())).doesNotContain("refused");
    }

    @Test
    void saysSoWhenNothingFailed() {
        String md = ResultsDocument.render(RUN, reports(OUTCOMES.subList(0, 1), CLASSES.subList(0, 1)), Optional.empty());

        assertThat(md).contains("None: no test failed.", "## Failing tests (0)");
    }
}
