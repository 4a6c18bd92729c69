package io.wssocket.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The driver's command line: a JVM or the C driver, pinned to the driver's CPU either way, with the same arguments. */
class DriverProcessTest {

    private final SuiteOptions options = SuiteOptions.parse(new String[] {"--driver-cpu", "0"}, Path.of("/repo"),
            Path.of("cp.txt"), "java");

    @Test
    void theCDriverRunsTheBuiltExecutablePinnedLikeAJavaDriverWithTheSameArguments() {
        RunConfig c = Scenario.ECHO_C.configs(options).get(0).withDriverArgs(List.of("--server-pid", "42"));
        RunConfig java = Scenario.ECHO.configs(options).get(0).withDriverArgs(List.of("--server-pid", "42"));

        List<String> cCommand = DriverProcess.command(options, List.of("/lib/a.jar"), c, "netty", 8080);
        List<String> javaCommand = DriverProcess.command(options, List.of("/lib/a.jar"), java, "netty", 8080);

        assertThat(cCommand).startsWith("taskset", "-c", "0", Path.of("/repo").resolve(CDriver.EXECUTABLE).toString());
        assertThat(javaCommand).startsWith("taskset", "-c", "0", "java").contains("io.wssocket.bench.EchoLoad");
        List<String> driverArgs = List.of("--server", "netty", "--host", "127.0.0.1", "--port", "8080");
        assertThat(cCommand.subList(4, cCommand.size())).startsWith(driverArgs.toArray(String[]::new));
        assertThat(cCommand.subList(4, cCommand.size()))
                .isEqualTo(javaCommand.subList(javaCommand.indexOf("io.wssocket.bench.EchoLoad") + 1, javaCommand.size()));
        assertThat(cCommand).endsWith("--server-pid", "42");
    }
}
