package io.wssocket.bench.suite;

import java.util.List;

/**
 * One driver run of a scenario: its id in the results, its label in the report, the driver's main
 * class and arguments (the port is added at run time), and whether the driver holds its
 * connections open for the runner to measure the server's memory ({@code HOLDING}).
 */
public record RunConfig(String id, String label, String driverMain, List<String> driverArgs, boolean measuresMemory) {
}
