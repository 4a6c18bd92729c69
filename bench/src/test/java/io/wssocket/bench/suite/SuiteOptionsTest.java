package io.wssocket.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The suite's options, the runs they make and the wall time they are expected to take. */
class SuiteOptionsTest {

    private static SuiteOptions parse(String... args) {
        return SuiteOptions.parse(args, Path.of("."), Path.of("cp.txt"), "java");
    }

    @Test
    void defaultsAreTheFullSuiteWithinTwentyFiveMinutes() {
        SuiteOptions o = parse();

        assertThat(o.servers()).containsExactly(ServerKind.values());
        assertThat(o.scenarios()).containsExactly(Scenario.values());
        assertThat(o.rounds()).isEqualTo(3);
        assertThat(o.duration()).isEqualTo(5);
        assertThat(o.warmup()).isEqualTo(3);
        assertThat(o.estimatedSeconds()).isBetween(10 * 60.0, 25 * 60.0);
    }

    @Test
    void quickIsOneShortRoundAndExplicitValuesWin() {
        SuiteOptions quick = parse("--quick");
        assertThat(quick.rounds()).isEqualTo(1);
        assertThat(quick.duration()).isEqualTo(2);
        assertThat(quick.quick()).isTrue();

        SuiteOptions o = parse("--quick", "--rounds", "2", "--servers", "wssocket,jetty", "--scenarios", "echo");
        assertThat(o.rounds()).isEqualTo(2);
        assertThat(o.servers()).containsExactly(ServerKind.WSSOCKET, ServerKind.JETTY);
        assertThat(o.estimatedSeconds()).isLessThan(quick.estimatedSeconds());
    }

    @Test
    void scenariosMakeTheirRuns() {
        SuiteOptions o = parse("--receivers", "200", "--slow-percent", "10", "--idle-connections", "500");

        assertThat(Scenario.ECHO.configs(o)).extracting(RunConfig::id).containsExactly("text-64-w1", "text-64-w16", "binary-16k-w4");
        assertThat(Scenario.ECHO.configs(o).get(2).driverArgs()).contains("--binary", "16384");
        assertThat(Scenario.IDLE.configs(o).get(0).driverArgs()).containsSequence("--connections", "500");
        assertThat(Scenario.BROADCAST.configs(o)).extracting(RunConfig::id).containsExactly("rate-10", "rate-100");
        RunConfig slow = Scenario.SLOW.configs(o).get(0);
        assertThat(slow.driverArgs()).containsSequence("--slow", "20");
        assertThat(slow.measuresMemory()).isTrue();
    }

    @Test
    void badOptionsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> parse("--rounds", "0")).hasMessageContaining("--rounds");
        assertThatThrownBy(() -> parse("--servers", "iis")).hasMessageContaining("unknown server");
        assertThatThrownBy(() -> parse("--frobnicate", "1")).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> parse("--duration")).hasMessageContaining("missing value");
    }
}
