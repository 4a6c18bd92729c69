package io.wssocket.bench.suite;

import java.util.List;

/**
 * One driver run of a scenario: its id in the results, its label in the report, the driver's main
 * class and arguments (the port is added at run time), and whether the driver holds its
 * connections open for the runner to measure the server's memory ({@code HOLDING}). Scenarios
 * that start a server of their own for each run ({@link Scenario#serverPerRun()}) may give that
 * server extra JVM options and a limit on its open files (0: the runner's own).
 */
public record RunConfig(String id, String label, String driverMain, List<String> driverArgs, boolean measuresMemory,
                        List<String> serverJvmArgs, int serverOpenFiles) {

    public RunConfig(String id, String label, String driverMain, List<String> driverArgs, boolean measuresMemory) {
        this(id, label, driverMain, driverArgs, measuresMemory, List.of(), 0);
    }
}
