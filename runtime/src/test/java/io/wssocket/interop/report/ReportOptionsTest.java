package io.wssocket.interop.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportOptionsTest {
    @Test
    void readsEachOptionAndEveryVersion() {
        ReportOptions options = ReportOptions.parse("--reports=target/surefire-reports", "--run-started=2026-11-26T03:04:05Z",
                "--readme=../README.md", "--page=../docs/interop.md", "--npm-lock=${npm.lock}", "--version=tyrus=2.2.0",
                "--version=jetty=12.1.14", "--version=tomcat=${tomcat.version}");

        assertThat(options).isEqualTo(new ReportOptions(Path.of("target/surefire-reports"), Instant.parse("2026-11-26T03:04:05Z"),
                Path.of("../README.md"), Path.of("../docs/interop.md"), Optional.empty(),
                Map.of("tyrus", "2.2.0", "jetty", "12.1.14")));
    }

    @Test
    void refusesAMissingOrMalformedOption() {
        assertThatThrownBy(() -> ReportOptions.parse("--reports=r", "--readme=R", "--page=p"))
                .hasMessageContaining("--run-started=... is required");
        assertThatThrownBy(() -> ReportOptions.parse("reports=r")).hasMessageContaining("expected --name=value");
        assertThatThrownBy(() -> ReportOptions.parse("--version=2.2.0")).hasMessageContaining("expected --version=KEY=VERSION");
    }
}
