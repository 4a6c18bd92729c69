package io.wssocket.bench.jmh;

import java.io.IOException;
import java.util.Collection;
import org.openjdk.jmh.Main;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Main class of {@code benchmarks.jar}: JMH with its usual command line, and after a run the
 * results as payload bytes per second beside their copy ceilings ({@link CeilingTable}).
 */
public final class CodecBenchmarks {
    private CodecBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("Error parsing command line: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (options.shouldHelp() || options.shouldList() || options.shouldListWithParams()
                || options.shouldListProfilers() || options.shouldListResultFormats()) {
            Main.main(args); // JMH's own help and listings
            return;
        }
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.println("Payload bytes per second against a plain copy of as many bytes (GB = 10^9 bytes):");
        System.out.print(CeilingTable.markdown(results));
    }
}
