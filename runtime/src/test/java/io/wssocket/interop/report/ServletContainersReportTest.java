package io.wssocket.interop.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServletContainersReportTest {
    private static final Instant RUN_STARTED = Instant.parse("2026-12-06T03:00:00Z");
    private static final Instant IN_THIS_RUN = RUN_STARTED.plusSeconds(90);
    private static final Map<String, String> VERSIONS = Map.of("tomcat", "11.0.27", "undertow", "2.3.21.Final", "jetty", "12.1.14");
    private static final String TOMCAT = "io.wssocket.servlet.interop.TomcatChatInteropTest";
    private static final String UNDERTOW = "io.wssocket.servlet.interop.UndertowChatInteropTest";
    private static final String JETTY = "io.wssocket.servlet.interop.JettyChatInteropTest";

    @TempDir
    Path dir;
    private final ReportFixtures fixtures = new ReportFixtures();

    private Path reports() {
        return dir.resolve("surefire-reports");
    }

    private Path body() {
        return dir.resolve("generated-docs").resolve(ServletContainersReport.BODY_FILE);
    }

    private String generate() throws IOException {
        return ServletContainersReport.generate(reports(), RUN_STARTED, dir.resolve("generated-docs"), VERSIONS);
    }

    @Test
    void aRowPerContainerWithACellPerClientAndWhyJettyIsServedThroughItsCore() throws IOException {
        fixtures.report(reports(), "servlet-chat-suite.xml", TOMCAT, IN_THIS_RUN);
        fixtures.report(reports(), "servlet-chat-suite.xml", JETTY, IN_THIS_RUN);
        fixtures.report(reports(), "servlet-chat-failing-suite.xml", UNDERTOW, IN_THIS_RUN);
        fixtures.report(reports(), ReportFixtures.SERVER_SUITE, ServletContainersReport.JETTY_PROBE, IN_THIS_RUN);

        assertThat(generate()).startsWith("Interop matrix rows for Servlet containers written");

        assertThat(Files.readString(body(), StandardCharsets.UTF_8))
                .startsWith("| WS Socket in | version | Tyrus client | the chat page in headless Chromium | permessage-deflate (both clients) |\n"
                        + "|---|---|---|---|---|\n"
                        + "| Tomcat 11 | 11.0.27 | ✓ 2/2 | ✓ 1/1 | ✓ 2/2 |\n"
                        + "| Jetty 12.1 (ee10) | 12.1.14 | ✓ 2/2 | ✓ 1/1 | ✓ 2/2 |\n"
                        + "| Undertow 2.3 | 2.3.21.Final | ✓ 2/2 | ✗ 1 failed | ✗ 1 failed |\n\n")
                .contains("In Jetty the glue takes the connection over at Jetty's core level")
                .contains("`JettyUpgradeInputTest` still finds it so in this run (✓ 8/8).")
                .doesNotContain("WebSocketInServletContainersTest");
    }

    @Test
    void aRunWithoutEveryContainersClassWritesNothingAndRemovesTheEarlierRows() throws IOException {
        Files.createDirectories(body().getParent());
        Files.writeString(body(), "rows of an earlier run\n", StandardCharsets.UTF_8);
        fixtures.report(reports(), "servlet-chat-suite.xml", TOMCAT, IN_THIS_RUN);
        fixtures.report(reports(), "servlet-chat-suite.xml", JETTY, IN_THIS_RUN);
        fixtures.report(reports(), "servlet-chat-suite.xml", UNDERTOW, RUN_STARTED.minusSeconds(60));

        assertThat(generate()).endsWith("missing UndertowChatInteropTest");
        assertThat(body()).doesNotExist();
    }

    @Test
    void aCaseThatFitsNoColumnStopsTheGenerator() {
        fixtures.report(reports(), ReportFixtures.CLIENT_SUITE, TOMCAT, IN_THIS_RUN);

        assertThatThrownBy(this::generate).isInstanceOf(IllegalStateException.class).hasMessageContaining("fits no column");
    }

    @Test
    void theRuntimesPlaceholderIsTheSectionTheRowsReplace() {
        String page = "# Interoperability\n\n" + ServletContainersReport.placeholder() + "\nmore\n";

        String filled = new MarkedSection(ServletContainersReport.SECTION).replace(page, "| rows |\n");

        assertThat(page).contains(ServletContainersReport.NOT_RUN);
        assertThat(filled).isEqualTo("# Interoperability\n\n<!-- servlet-containers:start -->\n| rows |\n"
                + "<!-- servlet-containers:end -->\n\nmore\n");
    }
}
