package io.wssocket.bench.suite;

import java.util.ArrayList;
import java.util.List;

/**
 * One driver run of a scenario: its id in the results, its label in the report, the driver's main
 * class and arguments (the port is added at run time), and whether the driver holds its
 * connections open for the runner to measure the server's memory ({@code HOLDING}). Scenarios
 * that start a server of their own for each run ({@link Scenario#serverPerRun()}) may give that
 * server extra JVM options and a limit on its open files (0: the runner's own). A memory run may
 * have a warm-up: the same driver with {@code warmUpArgs}, run to its end before the baseline is
 * taken, so that what a server makes once (compiled code, a pool) is not counted per connection.
 */
public record RunConfig(String id, String label, String driverMain, List<String> driverArgs, boolean measuresMemory,
                        List<String> serverJvmArgs, int serverOpenFiles, List<String> warmUpArgs) {

    public RunConfig(String id, String label, String driverMain, List<String> driverArgs, boolean measuresMemory) {
        this(id, label, driverMain, driverArgs, measuresMemory, List.of(), 0);
    }

    public RunConfig(String id, String label, String driverMain, List<String> driverArgs, boolean measuresMemory,
                     List<String> serverJvmArgs, int serverOpenFiles) {
        this(id, label, driverMain, driverArgs, measuresMemory, serverJvmArgs, serverOpenFiles, List.of());
    }

    /** The warm-up run: this run's driver with the warm-up's arguments, holding nothing. */
    RunConfig warmUp() {
        return new RunConfig(id + "-warmup", label + ", warm-up", driverMain, warmUpArgs, false, serverJvmArgs,
                serverOpenFiles);
    }

    /** This run with {@code extra} after its driver arguments (known only once its servers run: their ports). */
    RunConfig withDriverArgs(List<String> extra) {
        List<String> args = new ArrayList<>(driverArgs);
        args.addAll(extra);
        return new RunConfig(id, label, driverMain, List.copyOf(args), measuresMemory, serverJvmArgs, serverOpenFiles,
                warmUpArgs);
    }
}
