package io.wssocket.bench.suite;

import io.wssocket.bench.BenchTls;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark suite's main (bench/run.sh calls it): for each round, for each scenario, each
 * server in turn is started in its own JVM, driven by the scenario's drivers and stopped; every
 * run's result, or its failure, is appended to {@code bench/results/suite-<time>.txt}. Then the
 * report is written into docs/benchmarks.md with its charts. A server that fails to start, dies or
 * hangs is recorded as failed for the runs it missed; the suite goes on.
 *
 * <p>System properties: {@code bench.root} (the repository), {@code bench.java} (the java command
 * for servers and drivers), {@code bench.commit} (shown in the report).
 */
public final class SuiteRunner {

    /**
     * A driver's time limit beyond its warmup and measured time: the drivers' own 60 s limit for
     * the opening handshakes, a memory measurement while it holds (30 s at most), draining and
     * closing (5 s each), and its JVM's start, with room to spare.
     */
    private static final long DRIVER_SLACK_S = 150;

    /** How long cluster-idle lets a fresh set of nodes settle before the first measurement. */
    private static final long CLUSTER_SETTLE_MS = 2000;

    /** Measurements of the server per point of a slope (deflate-idle); the least of each figure counts. */
    private static final int MEMORY_SAMPLES = 3;

    private final SuiteOptions options;
    private final List<String> classPath;
    private final Path logDir;
    private final PrintWriter results;
    private final List<ResultLine> lines = new ArrayList<>();
    /** Why the C driver could not be built, if it could not: its runs fail with this reason. */
    private String cDriverTrouble;
    /** Why the wss scenario's certificate could not be made, if it could not: its runs fail with this reason. */
    private String tlsTrouble;

    private SuiteRunner(SuiteOptions options, List<String> classPath, Path logDir, PrintWriter results) {
        this.options = options;
        this.classPath = classPath;
        this.logDir = logDir;
        this.results = results;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        Path classPathFile = root.resolve("bench/target/classpath.txt");
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(SuiteOptions.USAGE);
            return;
        }
        SuiteOptions options;
        try {
            options = SuiteOptions.parse(args, root, classPathFile, System.getProperty("bench.java", "java"));
        } catch (IllegalArgumentException e) {
            System.err.println("run.sh: " + e.getMessage());
            System.err.println(SuiteOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.reportFrom() != null) {
            List<ResultLine> stored = readResults(options.reportFrom());
            new SuiteReport(root).write(stored);
            System.out.println("report written from " + options.reportFrom());
            return;
        }
        System.exit(run(options, root, classPathFile));
    }

    private static int run(SuiteOptions options, Path root, Path classPathFile) throws Exception {
        List<String> classPath = new ArrayList<>();
        classPath.add(root.resolve("bench/target/classes").toString());
        for (String entry : Files.readString(classPathFile).trim().split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                classPath.add(entry);
            }
        }
        String stamp = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path resultFile = root.resolve("bench/results/suite-" + stamp + ".txt");
        Path logDir = root.resolve("bench/target/suite-" + stamp);
        Files.createDirectories(resultFile.getParent());
        Files.createDirectories(logDir);

        double estimate = options.estimatedSeconds();
        System.err.printf(Locale.ROOT, "suite: %s%nestimated wall time: %s (on a 2-core machine)%n",
                options.describe(), minutes(estimate));
        long start = System.nanoTime();
        List<ResultLine> lines;
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(resultFile, StandardCharsets.UTF_8), true)) {
            SuiteRunner runner = new SuiteRunner(options, classPath, logDir, out);
            runner.record(RunMetadata.collect(options, stamp));
            if (options.scenarios().contains(Scenario.ECHO_C) || options.scenarios().contains(Scenario.ECHO_LARGE)) {
                runner.buildCDriver();
            }
            if (options.scenarios().contains(Scenario.WSS)) {
                runner.makeCertificate();
            }
            for (int round = 1; round <= options.rounds(); round++) {
                for (Scenario scenario : options.scenarios()) {
                    for (ServerKind server : options.servers()) {
                        if (!scenario.runsIn(server, round)) {
                            continue;
                        }
                        System.err.printf(Locale.ROOT, "== round %d/%d, %s: %s (%s elapsed)%n", round, options.rounds(),
                                scenario.id(), server.id(), minutes((System.nanoTime() - start) / 1e9));
                        runner.runScenario(server, scenario, round);
                    }
                }
            }
            lines = runner.lines;
        }
        System.err.printf(Locale.ROOT, "suite done in %s; results: %s%n", minutes((System.nanoTime() - start) / 1e9),
                root.relativize(resultFile));
        new SuiteReport(root).write(lines);
        long failures = lines.stream().filter(l -> l.kind().equals("FAILED")
                || l.number("errors").orElse(0) > 0).count();
        if (failures > 0) {
            System.err.println(failures + " runs failed or counted errors; see the report and " + root.relativize(logDir));
            return 1;
        }
        return 0;
    }

    /** Compiles the C driver into bench/target; if that fails, remembers why for its runs. */
    private void buildCDriver() throws InterruptedException {
        try {
            CDriver.build(options.root().resolve(CDriver.SOURCE), options.root().resolve(CDriver.EXECUTABLE));
            System.err.println("built the C driver: " + CDriver.EXECUTABLE);
        } catch (IOException e) {
            cDriverTrouble = e.getMessage();
            System.err.println("the C driver's runs will fail: " + cDriverTrouble);
        }
    }

    /**
     * Makes the wss scenario's self-signed keystore afresh with this JVM's keytool (the suite's
     * servers and drivers run the same Java); if that fails, remembers why for its runs.
     */
    private void makeCertificate() throws InterruptedException {
        Path keystore = Scenario.keystore(options);
        try {
            BenchTls.generate(keystore, Path.of(System.getProperty("java.home")));
            System.err.println("made the wss certificate: " + options.root().relativize(keystore));
        } catch (IOException e) {
            tlsTrouble = "no certificate for wss: " + e.getMessage();
            System.err.println("the wss runs will fail: " + tlsTrouble);
        }
    }

    private void runScenario(ServerKind server, Scenario scenario, int round) throws InterruptedException {
        String trouble = scenario == Scenario.ECHO_C || scenario == Scenario.ECHO_LARGE ? cDriverTrouble
                : scenario == Scenario.WSS ? tlsTrouble : null;
        if (trouble != null) {
            for (RunConfig c : scenario.configs(options)) {
                fail(server, scenario, c, round, trouble);
            }
            return;
        }
        if (scenario.clustered()) {
            for (ClusterLayout layout : scenario.clusterLayouts(options)) {
                runOnCluster(server, scenario, layout, round);
            }
            return;
        }
        if (scenario.serverPerRun()) {
            for (RunConfig config : scenario.configs(options)) {
                runOnOwnServer(server, scenario, config, round);
            }
            return;
        }
        List<RunConfig> configs = scenario.configs(options);
        String base = server.id() + "-" + scenario.id() + "-round" + round;
        ServerProcess process;
        try {
            process = ServerProcess.start(server, options, classPath, logDir.resolve(base), scenario.serverJvmArgs(options), 0);
        } catch (IOException e) {
            for (RunConfig c : configs) {
                fail(server, scenario, c, round, "server did not start: " + e.getMessage() + inBrackets(serverTrouble(base)));
            }
            return;
        }
        try (process) {
            for (RunConfig config : configs) {
                if (!process.isAlive()) {
                    fail(server, scenario, config, round, "server exited during the scenario" + inBrackets(serverTrouble(base)));
                    continue;
                }
                runOne(process, server, scenario, config, round, base);
            }
        }
    }

    /** A run with a server of its own (hostile, soak, deflate-idle): started with the run's options, stopped after it. */
    private void runOnOwnServer(ServerKind server, Scenario scenario, RunConfig config, int round) throws InterruptedException {
        String base = server.id() + "-" + scenario.id() + "-" + config.id() + "-round" + round;
        Path logBase = logDir.resolve(base);
        ServerProcess process;
        try {
            process = ServerProcess.start(server, options, classPath, logBase, config.serverJvmArgs(), config.serverOpenFiles());
        } catch (IOException e) {
            fail(server, scenario, config, round, "server did not start: " + e.getMessage() + inBrackets(serverTrouble(base)));
            return;
        }
        try (process) {
            if (scenario == Scenario.SOAK) {
                runSoak(process, server, scenario, config, round, base);
            } else if (scenario == Scenario.DEFLATE_IDLE) {
                runOne(process, server, scenario, config, round, base);
            } else {
                runHostile(process, server, scenario, config, round, base);
            }
        }
    }

    /**
     * The runs of one cluster layout on its own set of nodes, started one after another (each
     * joins the cluster of those before it, and prints READY once it has) and stopped together
     * afterwards. A broadcast driver spreads its connections over the nodes ({@code --ports}); an
     * idle driver connects to the first node, and every node is measured.
     */
    private void runOnCluster(ServerKind server, Scenario scenario, ClusterLayout layout, int round)
            throws InterruptedException {
        String base = server.id() + "-" + scenario.id() + "-" + layout.id() + "-round" + round;
        String name = "bench-" + logDir.getFileName() + "-" + base;
        List<ServerProcess> nodes = new ArrayList<>();
        try {
            List<Integer> clusterPorts = LoopbackPorts.free(layout.nodes());
            for (int i = 0; i < layout.processes(); i++) {
                nodes.add(ServerProcess.start(server, options, classPath, logDir.resolve(base + "-node" + i),
                        layout.nodeJvmArgs(i, name, clusterPorts), 0));
            }
        } catch (IOException e) {
            String reason = "node " + nodes.size() + " did not start: " + e.getMessage() + inBrackets(nodesTrouble(base, layout));
            stopAll(nodes);
            for (RunConfig c : layout.runs()) {
                fail(server, scenario, c, round, reason);
            }
            return;
        }
        try {
            List<Integer> ports = nodes.stream().map(ServerProcess::port).toList();
            for (RunConfig config : layout.runs()) {
                if (!nodes.stream().allMatch(ServerProcess::isAlive)) {
                    fail(server, scenario, config, round, "a node exited during the scenario" + inBrackets(nodesTrouble(base, layout)));
                    continue;
                }
                if (scenario == Scenario.CLUSTER_IDLE) {
                    runClusterIdle(nodes, server, scenario, config, round, base, layout);
                } else {
                    runOne(nodes.get(0), server, scenario, config.withDriverArgs(ClusterLayout.spreadOver(ports)), round,
                            base + "-node0");
                }
            }
        } finally {
            stopAll(nodes);
        }
    }

    /**
     * cluster-idle: every node measured with no connection (after {@link #CLUSTER_SETTLE_MS}, for
     * the cluster's start-up to finish), then again while the driver holds its connections to
     * the first node.
     */
    private void runClusterIdle(List<ServerProcess> nodes, ServerKind server, Scenario scenario, RunConfig config, int round,
                                String base, ClusterLayout layout) throws InterruptedException {
        Path log = logDir.resolve(base + "-" + config.id() + ".driver");
        try {
            Thread.sleep(CLUSTER_SETTLE_MS);
            List<ResultLine> before = new ArrayList<>();
            for (ServerProcess node : nodes) {
                before.add(node.stats());
            }
            List<ResultLine> held = new ArrayList<>();
            long timeout = (long) (options.warmup() + options.duration()) + DRIVER_SLACK_S;
            ResultLine driver = DriverProcess.run(options, classPath, config, server.id(), nodes.get(0).port(), log, timeout,
                    () -> {
                        for (ServerProcess node : nodes) {
                            held.add(node.stats());
                        }
                    });
            if (held.isEmpty()) {
                throw new IOException("the driver never held its connections for the memory measurement");
            }
            DerivedMetrics.clusterIdle(driver, before, held);
            String trouble = nodesTrouble(base, layout);
            if (!trouble.isEmpty()) {
                driver.with("note", trouble);
            }
            record(tag(driver.withKind("RESULT"), server, scenario, config, round));
            System.err.println("  " + config.id() + ": " + summary(scenario, driver));
        } catch (IOException e) {
            fail(server, scenario, config, round, e.getMessage() + inBrackets(nodesTrouble(base, layout)));
        }
    }

    /** Stops the nodes together: each leaves the cluster on SIGTERM, which takes a moment. */
    private static void stopAll(List<ServerProcess> nodes) {
        nodes.parallelStream().forEach(ServerProcess::close);
    }

    private String nodesTrouble(String base, ClusterLayout layout) {
        List<String> troubles = new ArrayList<>();
        for (int i = 0; i < layout.processes(); i++) {
            String trouble = serverTrouble(base + "-node" + i);
            if (!trouble.isEmpty()) {
                troubles.add("node " + i + ": " + trouble);
            }
        }
        return String.join("; ", troubles);
    }

    /**
     * One attack: the server's log is counted before the driver and while it holds the attack, when
     * the server's memory is also taken (a server too far gone to answer gets none); afterwards,
     * whether the server logged an OutOfMemoryError or died.
     */
    private void runHostile(ServerProcess process, ServerKind server, Scenario scenario, RunConfig config, int round,
                            String base) throws InterruptedException {
        Path logBase = logDir.resolve(base);
        Path log = logDir.resolve(base + ".driver");
        long logBefore = ServerProcess.logLines(logBase);
        ResultLine[] held = new ResultLine[1];
        long[] logHeld = {-1};
        try {
            long timeout = 2L * options.attackSeconds() + DRIVER_SLACK_S;
            ResultLine driver = DriverProcess.run(options, classPath, config, server.id(), process.port(), log, timeout, () -> {
                logHeld[0] = ServerProcess.logLines(logBase);
                try {
                    held[0] = process.stats();
                } catch (IOException e) {
                    System.err.println("  no stats from the server during the attack: " + e.getMessage());
                }
            });
            ResultLine result = DerivedMetrics.hostile(driver, held[0],
                    logHeld[0] < 0 ? -1 : logHeld[0] - logBefore, !process.isAlive(), serverTrouble(base)).withKind("RESULT");
            record(tag(result, server, scenario, config, round));
            System.err.println("  " + config.id() + ": " + summary(scenario, result));
        } catch (IOException e) {
            fail(server, scenario, config, round, e.getMessage() + inBrackets(serverTrouble(base)));
        }
    }

    /**
     * The soak: each {@code SAMPLE} line of the driver (every 30 s) is stored with the server's
     * memory at that moment; the driver's RESULT line ends it.
     */
    private void runSoak(ServerProcess process, ServerKind server, Scenario scenario, RunConfig config, int round,
                         String base) throws InterruptedException {
        Path log = logDir.resolve(base + ".driver");
        try {
            long timeout = options.soakMinutes() * 60L + DRIVER_SLACK_S;
            ResultLine driver = DriverProcess.run(options, classPath, config, server.id(), process.port(), log, timeout,
                    () -> { }, line -> {
                        if (line.startsWith("SAMPLE ")) {
                            ResultLine sample = ResultLine.parse(line);
                            try {
                                ResultLine stats = process.stats();
                                sample.with("rss_bytes", stats.get("rss_bytes")).with("heap_used_bytes", stats.get("heap_used_bytes"));
                            } catch (IOException e) {
                                sample.with("note", "no stats: " + e.getMessage());
                            }
                            record(tag(sample, server, scenario, config, round));
                            System.err.println("  " + sample);
                        }
                    });
            recordResult(driver.withKind("RESULT"), server, scenario, config, round, base);
        } catch (IOException e) {
            fail(server, scenario, config, round, e.getMessage() + inBrackets(serverTrouble(base)));
        }
    }

    private void runOne(ServerProcess process, ServerKind server, Scenario scenario, RunConfig config, int round, String base)
            throws InterruptedException {
        Path log = logDir.resolve(base + "-" + config.id() + ".driver");
        if (scenario.measuresServerCpu()) {
            config = config.withDriverArgs(List.of("--server-pid", Long.toString(process.pid())));
        }
        if (!server.speaksWebSocket()) {
            config = config.withDriverArgs(List.of("--raw"));
        }
        try {
            ResultLine fresh = null;
            if (!config.warmUpArgs().isEmpty()) {
                fresh = process.stats();
                warmUp(process, server, config, base);
            }
            ResultLine before = config.measuresMemory() ? memory(process, scenario) : null;
            List<ResultLine> holds = new ArrayList<>(); // the server's memory at each hold, the last with all connections
            // a driver that holds twice (deflate-idle) ramps, waits and holds twice
            int stages = config.driverArgs().contains("--hold-at") ? 2 : 1;
            long timeout = stages * ((long) (options.warmup() + options.duration()) + DRIVER_SLACK_S);
            ResultLine driver = DriverProcess.run(options, classPath, config, server.id(), process.port(), log, timeout,
                    () -> holds.add(memory(process, scenario)));
            if (config.measuresMemory() && holds.isEmpty()) {
                throw new IOException("the driver never held its connections for the memory measurement");
            }
            DerivedMetrics.add(scenario, driver, before, holds.isEmpty() ? null : holds.get(holds.size() - 1));
            if (holds.size() == 2) {
                DerivedMetrics.addSlope(driver, holds.get(0), holds.get(1));
            }
            if (fresh != null) {
                DerivedMetrics.addWarmUp(driver, fresh, before);
            }
            recordResult(driver.withKind("RESULT"), server, scenario, config, round, base);
        } catch (IOException e) {
            fail(server, scenario, config, round, e.getMessage() + inBrackets(serverTrouble(base)));
        }
    }

    /**
     * The server's memory. For deflate-idle, whose figure per connection is the difference of two
     * measurements, each figure is the least of {@link #MEMORY_SAMPLES} measurements a second apart,
     * each after the C heap gave back what it kept free (ServerProcess#trimmedStats): measured on
     * WS Socket, consecutive full collections alternated between two heap sizes 5 MiB apart, and the
     * RSS fell by 17 MB within two seconds as the JIT compiler freed its arenas after the ramp;
     * what a server holds for its connections is in every sample, those transients are not.
     */
    private ResultLine memory(ServerProcess process, Scenario scenario) throws IOException, InterruptedException {
        if (scenario != Scenario.DEFLATE_IDLE) {
            return process.stats();
        }
        List<ResultLine> samples = new ArrayList<>();
        for (int i = 0; i < MEMORY_SAMPLES; i++) {
            if (i > 0) {
                Thread.sleep(1000);
            }
            samples.add(process.trimmedStats(options.java()));
        }
        return DerivedMetrics.leastOf(samples);
    }

    /** Runs the warm-up driver to its end; a warm-up that saw errors fails the run it was for. */
    private void warmUp(ServerProcess process, ServerKind server, RunConfig config, String base)
            throws IOException, InterruptedException {
        RunConfig warmUp = config.warmUp();
        Path log = logDir.resolve(base + "-" + warmUp.id() + ".driver");
        ResultLine result = DriverProcess.run(options, classPath, warmUp, server.id(), process.port(), log,
                (long) options.duration() + DRIVER_SLACK_S, () -> { });
        if (result.number("errors").orElse(0) > 0) {
            throw new IOException("the warm-up saw " + (long) result.number("errors").getAsDouble() + " errors (log: "
                    + log.getFileName() + ")");
        }
    }

    /** Records a run's RESULT, noting anything the server's log says went wrong meanwhile, and prints its summary. */
    private void recordResult(ResultLine result, ServerKind server, Scenario scenario, RunConfig config, int round,
            String base) {
        String trouble = serverTrouble(base);
        if (!trouble.isEmpty()) {
            result.with("note", trouble);
        }
        record(tag(result, server, scenario, config, round));
        System.err.println("  " + config.id() + ": " + summary(scenario, result));
    }

    private static String inBrackets(String note) {
        return note.isEmpty() ? "" : " (" + note + ")";
    }

    /** What the server's stderr says went wrong, if it says one of the usual things; else "". */
    private String serverTrouble(String base) {
        Path err = logDir.resolve(base + ".err");
        try {
            if (Files.exists(err)) {
                for (String line : Files.readAllLines(err, StandardCharsets.UTF_8)) {
                    if (line.contains("OutOfMemoryError")) {
                        return "server: " + line.substring(line.indexOf("OutOfMemoryError")).trim();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // no hint then
        }
        return "";
    }

    private static ResultLine tag(ResultLine r, ServerKind server, Scenario scenario, RunConfig config, int round) {
        double load = RunMetadata.loadAverage();
        if (load >= 0) {
            r.with("load_1m", load);
        }
        return r.with("server", server.id()).with("scenario", scenario.id()).with("config", config.id())
                .with("label", config.label()).with("round", round);
    }

    private void fail(ServerKind server, Scenario scenario, RunConfig config, int round, String reason) {
        System.err.println("  " + config.id() + ": FAILED: " + reason);
        record(tag(ResultLine.of("FAILED"), server, scenario, config, round).with("reason", reason));
    }

    private void record(ResultLine line) {
        lines.add(line);
        results.println(line);
    }

    private static String summary(Scenario scenario, ResultLine r) {
        StringBuilder b = new StringBuilder();
        for (Metric m : scenario.metrics()) {
            if (r.get(m.key()) == null) {
                continue;
            }
            b.append(m.heading()).append(' ').append(m.role() == Metric.Role.TEXT ? r.get(m.key())
                    : String.format(Locale.ROOT, "%." + m.decimals() + "f", r.number(m.key()).orElse(Double.NaN)))
                    .append("  ");
        }
        return b.toString().trim();
    }

    static List<ResultLine> readResults(Path file) throws IOException {
        List<ResultLine> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("RESULT ") || line.startsWith("FAILED ") || line.startsWith("META ")
                    || line.startsWith("SAMPLE ")) {
                out.add(ResultLine.parse(line));
            }
        }
        return out;
    }

    static String minutes(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
}
