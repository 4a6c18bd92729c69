package io.wssocket.bench.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The suite's options; {@link #USAGE} lists them with their defaults. */
public record SuiteOptions(List<ServerKind> servers, List<Scenario> scenarios, int rounds, double duration, double warmup,
                           boolean quick, int echoConnections, int idleConnections, int receivers, int slowPercent,
                           Path root, Path classPathFile, String java, int serverCpu, int driverCpu, Path reportFrom,
                           int attackSeconds, int soakMinutes) {

    static final String USAGE = String.join("\n",
            "usage: bench/run.sh [options]",
            "  --servers \"a b ...\"     servers, run in this order within a round (default: all but WS Socket's variants "
                    + "wssocket-jfr, wssocket-quiet, wssocket-metrics and wssocket-onloop: " + ServerKind.ids() + ";"
                    + " netty-openssl runs wss only, tyrus all but wss)",
            "  --scenarios \"a b ...\"   echo echo-c wss idle deflate deflate-idle broadcast slow hostile cluster-broadcast cluster-idle soak",
            "                          (default: all but soak; the cluster ones and soak run on WS Socket only)",
            "  --rounds N              rounds; each runs every scenario on every server once (default 3)",
            "  --duration S            measured seconds per driver run (default 5)",
            "  --warmup S              warmup seconds per driver run (default 3)",
            "  --quick                 smoke run: 1 round, 2 s measured, 1 s warmup (marked as such in the report)",
            "  --echo-connections C    (default 100)",
            "  --idle-connections C    (default 10000)",
            "  --receivers R           broadcast and slow-consumer receivers (default 1000)",
            "  --slow-percent P        share of slow receivers (default 10)",
            "  --attack-seconds S      hostile: how long each attack lasts (default 20; 5 with --quick)",
            "  --soak-minutes M        soak: how long it runs, WS Socket only (default 30)",
            "  --report-from FILE      no run: write the report from an earlier results file",
            "  --server-cpu N / --driver-cpu N   taskset CPUs (default 1 / 0)");

    static SuiteOptions parse(String[] args, Path root, Path classPathFile, String java) {
        List<ServerKind> servers = Arrays.stream(ServerKind.values())
                .filter(k -> k.jvmOptions().isEmpty() || k == ServerKind.NETTY_OPENSSL).toList();
        List<Scenario> scenarios = Arrays.stream(Scenario.values()).filter(Scenario::inDefaultSuite).toList();
        Integer attackSeconds = null;
        int soakMinutes = 30;
        Integer rounds = null;
        Double duration = null;
        Double warmup = null;
        boolean quick = false;
        int echoConnections = 100;
        int idleConnections = 10_000;
        int receivers = 1000;
        int slowPercent = 10;
        int serverCpu = 1;
        int driverCpu = 0;
        Path reportFrom = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--quick")) {
                quick = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--servers" -> servers = words(value).stream().map(ServerKind::byId).toList();
                case "--scenarios" -> scenarios = words(value).stream().map(Scenario::byId).toList();
                case "--rounds" -> rounds = positive(flag, value);
                case "--duration" -> duration = seconds(flag, value);
                case "--warmup" -> warmup = seconds(flag, value);
                case "--echo-connections" -> echoConnections = positive(flag, value);
                case "--idle-connections" -> idleConnections = positive(flag, value);
                case "--receivers" -> receivers = positive(flag, value);
                case "--slow-percent" -> slowPercent = positive(flag, value);
                case "--server-cpu" -> serverCpu = Integer.parseInt(value);
                case "--driver-cpu" -> driverCpu = Integer.parseInt(value);
                case "--report-from" -> reportFrom = Path.of(value);
                case "--attack-seconds" -> attackSeconds = positive(flag, value);
                case "--soak-minutes" -> soakMinutes = positive(flag, value);
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (slowPercent >= 100) {
            throw new IllegalArgumentException("--slow-percent must be below 100");
        }
        return new SuiteOptions(servers, scenarios,
                rounds != null ? rounds : quick ? 1 : 3,
                duration != null ? duration : quick ? 2 : 5,
                warmup != null ? warmup : quick ? 1 : 3,
                quick, echoConnections, idleConnections, receivers, slowPercent, root, classPathFile, java,
                serverCpu, driverCpu, reportFrom, attackSeconds != null ? attackSeconds : quick ? 5 : 20, soakMinutes);
    }

    /**
     * Seconds the run is expected to take: per server, round and scenario a server start and stop,
     * and per driver run its warmup and measured time plus what a quick run on the 2-core machine
     * spent besides: a driver JVM's start, the ramp (about 2,000 handshakes/s for idle connections,
     * 1,000 receivers a second), the memory measurements and the closing.
     */
    double estimatedSeconds() {
        double perRound = 0;
        for (Scenario s : scenarios) {
            if (s == Scenario.SOAK) {
                continue;
            }
            if (s.clustered()) {
                // not per server: WS Socket only
                continue;
            }
            double perServer = 2; // server JVM start to READY, and stop
            for (RunConfig run : s.configs(this)) {
                perServer += switch (s) {
                    case ECHO, ECHO_C, ECHO_LARGE, DEFLATE, WSS -> warmup + duration + 1;
                    // a server of its own per run
                    case DEFLATE_IDLE -> Math.min(idleConnections, Scenario.DEFLATE_IDLE_MAX) / 1000.0 + 2 * duration + 15; // two holds, a warm-up
                    case IDLE -> idleConnections / 2000.0 + duration + 5;
                    case BROADCAST -> receivers / 1000.0 + warmup + duration + 1;
                    case SLOW -> receivers / 1000.0 + warmup + duration + 4;
                    // a server start and stop, a driver JVM, the stats while held; the fd attack's ramp
                    case HOSTILE -> attackSeconds + 8 + (run.id().equals("fd") ? 12 : 0);
                    case SOAK, CLUSTER_BROADCAST, CLUSTER_IDLE -> 0; // counted below
                };
            }
            perRound += perServer * servers.stream().filter(s::runsOn).count();
        }
        // the soak runs on WS Socket only
        double soak = scenarios.contains(Scenario.SOAK) && servers.contains(ServerKind.SUBJECT) ? soakMinutes * 60.0 + 7 : 0;
        return perRound * rounds + soak + clusterSecondsPerRound() * rounds; // one soak, whatever the rounds
    }

    /**
     * The cluster scenarios' seconds per round (WS Socket only), as measured on the 2-core machine:
     * about 3 s to start a node and join it, 2 s to stop a set, per broadcast run the ramp and the
     * driver's JVM besides its warmup and measured time, per idle run the settling, the ramp and the
     * measurements.
     */
    private double clusterSecondsPerRound() {
        if (!servers.contains(ServerKind.SUBJECT)) {
            return 0;
        }
        double seconds = 0;
        for (Scenario s : scenarios) {
            for (ClusterLayout layout : s.clusterLayouts(this)) {
                seconds += 3 * layout.processes() + 2;
                for (RunConfig run : layout.runs()) {
                    seconds += s == Scenario.CLUSTER_IDLE ? Scenario.CLUSTER_IDLE_CONNECTIONS / 1000.0 + duration + 4
                            : receivers / 1000.0 + warmup + duration + 1.5;
                }
            }
        }
        return seconds;
    }

    String describe() {
        return String.format(Locale.ROOT,
                "rounds=%d warmup=%ss duration=%ss servers=%s scenarios=%s echo-connections=%d idle-connections=%d"
                        + " receivers=%d slow-percent=%d attack-seconds=%d soak-minutes=%d%s",
                rounds, fmt(warmup), fmt(duration), servers.stream().map(ServerKind::id).toList(),
                scenarios.stream().map(Scenario::id).toList(), echoConnections, idleConnections, receivers, slowPercent,
                attackSeconds, soakMinutes, quick ? " (quick smoke run)" : "");
    }

    private static String fmt(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }

    private static List<String> words(String value) {
        List<String> out = new ArrayList<>();
        for (String w : value.trim().split("[\\s,]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("empty list: '" + value + "'");
        }
        return out;
    }

    private static int positive(String flag, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " needs a positive whole number, got " + value);
    }

    private static double seconds(String flag, String value) {
        try {
            double s = Double.parseDouble(value);
            if (s > 0 && s <= 3600) {
                return s;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " needs seconds in (0, 3600], got " + value);
    }
}
