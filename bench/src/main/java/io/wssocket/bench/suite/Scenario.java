package io.wssocket.bench.suite;

import io.wssocket.bench.BenchTls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The scenarios of the suite: what each runs (its {@link RunConfig}s, from the options), what it
 * reports ({@link Metric}s, the first being the one charted), and how it is measured, in words
 * for the report's head.
 */
public enum Scenario {
    ECHO("echo", "Echo",
            "C connections to `/echo`, each keeping W messages of S bytes in flight (closed loop): "
                    + "every echo verified byte for byte and in order; round-trip latency from the write "
                    + "that carried a message to the read that completed its echo (HdrHistogram). "
                    + serverCpuMethod(),
            echoMetrics(false)),
    ECHO_C("echo-c", "Echo, C driver",
            "As echo, driven by the second, independent driver `wsload` (C, epoll, one thread; "
                    + "`bench/driver-c/wsload.c`), pinned as the Java driver is: every frame masked with a fresh "
                    + "random key, every message different (sequence number, connection id, a stretch of a random "
                    + "template from a place both choose), every byte of every echo verified in order; round-trip "
                    + "latency from the event that queued a message to the one whose read completed its echo. "
                    + serverCpuMethod() + " Under the table, each figure by the C driver over the Java driver's "
                    + "in the same suite run: the two drivers agree when the ratio stays within 0.85–1.15×.",
            echoMetrics(true)),
    ECHO_LARGE("echo-large", "Echo of large messages, C driver",
            "As echo-c (the C driver `wsload`), with 16 KiB and 256 KiB messages, text and binary, and `/echo` accepting "
                    + "256 KiB of each on every server (`-Dbench.echo.max-text` and `-Dbench.echo.max-binary`). The row "
                    + "`Raw TCP echo` is the floor: no WebSocket, the driver's `--raw` sends each message's payload "
                    + "bytes unframed over plain TCP to a one-thread Java NIO server that writes back what it reads "
                    + "(`bench/src/main/java/io/wssocket/bench/RawTcpEchoServer.java`), and checks every byte the same "
                    + "way; its server CPU per message is what the copy of the bytes and the system calls cost. "
                    + serverCpuMethod(),
            echoMetrics(true)),
    WSS("wss", "wss (TLS 1.3)",
            "As echo, over TLS 1.3 on loopback: every server serves the same self-signed certificate (ECDSA P-256, made "
                    + "with the JDK's `keytool` into `bench/target/tls/` when the suite starts) through its own TLS: WS "
                    + "Socket's `tls-keystore` (the JDK's SSLEngine), Netty's `SslHandler` on the JDK's provider (its row is "
                    + "`Netty 4.2 (raw codec)`; as `netty-openssl`, on netty-tcnative's BoringSSL), Jetty's and Tomcat's TLS connectors and Undertow's "
                    + "HTTPS listener (the JDK's SSLEngine each); Tyrus on Grizzly is not run. The echo runs open their "
                    + "connections 32 TLS handshakes at a time (WS Socket's default `max-tls-handshakes`, 64 per core, "
                    + "closes connections beyond it). The Java driver speaks TLS "
                    + "through an SSLEngine of its own (TLS 1.3 only, trusting that certificate), masks every frame with "
                    + "a fresh random key and verifies every byte of every echo. The handshake run opens connections to "
                    + "`/echo` in a loop, C at a time: TCP connect, a full TLS 1.3 handshake (no resumption: the driver "
                    + "offers no session), the WebSocket upgrade, a close frame as soon as the 101 is checked, and a new "
                    + "connection once the server's close frame came back. Handshakes/s count the 101s in the measured "
                    + "window, their p50/p99 run from the connect to the 101, and server CPU µs/handshake is the server's "
                    + "CPU time over the window (as for messages) over the handshakes in it. " + serverCpuMethod(),
            List.of(Metric.higher("msgs_per_s", "msgs/s", 0), Metric.lower("cpu_us_per_msg", "server CPU µs/msg", 1),
                    Metric.shown("server_cpu_pct", "server CPU %", 0), Metric.shown("mb_per_s", "MB/s", 1),
                    Metric.higher("handshakes_per_s", "handshakes/s", 0),
                    Metric.lower("cpu_us_per_handshake", "server CPU µs/handshake", 0),
                    Metric.lower("p50_us", "p50 µs", 0), Metric.lower("p99_us", "p99 µs", 0),
                    Metric.shown("max_us", "max µs", 0), Metric.count("errors", "errors"))),
    IDLE("idle", "Idle connections",
            "C connections to `/echo` opened with at most 100 handshakes pending, then held open with a "
                    + "ping to each every 5 s. Handshakes/s over the ramp; the server's resident set "
                    + "(VmRSS) and heap used after a full GC, each minus the same figure before the first "
                    + "connection, divided by the connections; and the server JVM's live threads (all of them, the JVM's own "
                    + "included) while it holds the connections.",
            List.of(Metric.higher("handshakes_per_s", "handshakes/s", 0), Metric.lower("rss_per_conn_kib", "RSS KiB/conn", 1),
                    Metric.lower("heap_per_conn_kib", "heap KiB/conn", 1), Metric.lower("threads", "threads", 0),
                    Metric.count("errors", "errors"))),
    DEFLATE("deflate", "Echo with permessage-deflate",
            "As echo, with JSON chat messages (text, different from message to message, drawn from a pool of 256 per "
                    + "size) and the driver offering `permessage-deflate; client_max_window_bits`: it compresses every "
                    + "message it sends (level 1, keeping its context when the server allows it), inflates and "
                    + "verifies every echo. Every server runs with its permessage-deflate support on "
                    + "(`-Dbench.deflate=true`: WS Socket's `permessage-deflate` option, Netty's "
                    + "`WebSocketServerCompressionHandler`; Jetty and Tomcat have it on by default) and `/echo` "
                    + "accepting 16 KiB texts. `deflate` is what the server agreed to (`no_context_both`: "
                    + "server_no_context_takeover and client_no_context_takeover; `takeover_both`: neither; `none`: the "
                    + "server declined, and the row measures plain text), `compressed %` the share of echoes that came "
                    + "back compressed (a server may leave small messages uncompressed).",
            List.of(Metric.higher("msgs_per_s", "msgs/s", 0), Metric.lower("cpu_us_per_msg", "server CPU µs/msg", 1),
                    Metric.shown("server_cpu_pct", "server CPU %", 0), Metric.shown("mb_per_s", "MB/s", 1),
                    Metric.lower("p50_us", "p50 µs", 0), Metric.lower("p99_us", "p99 µs", 0),
                    Metric.text("deflate", "deflate"), Metric.shown("compressed_pct", "compressed %", 0),
                    Metric.count("errors", "errors"))),
    DEFLATE_IDLE("deflate-idle", "Idle connections with and without permessage-deflate",
            "C connections to `/echo` (at most 8,000) to a server with permessage-deflate on, opened as in idle; "
                    + "each first echoes one 1 KiB JSON chat message (compressed when deflate was agreed, so that a "
                    + "server that keeps a compressor per connection has made it), then idles with a ping every 5 s. "
                    + "`with deflate` offers `permessage-deflate; client_max_window_bits`, `without` offers nothing, "
                    + "each run on a server started for it (a resident set does not shrink after a run), with a 2 GiB "
                    + "heap (Tomcat holds about 120 KiB of heap per connection with deflate) and "
                    + "`-XX:+AlwaysPreTouch`: the heap is resident from the start, so that RSS growth is what the "
                    + "connections hold outside the heap (zlib's state, buffers) and not eden pages touched for the "
                    + "first time by the first message's garbage. The driver opens C/2 connections, the runner measures "
                    + "the server, then the driver opens the other C/2 and the runner measures again: **heap and RSS "
                    + "KiB/conn are the growth between the two measurements over the connections opened between them** "
                    + "(the slope), so that what a server spends once during the run (compiled code, a pool of "
                    + "compressors) is in both and cancels. Each measurement is heap after a full GC and RSS after "
                    + "`jcmd PID System.trim_native_heap` (glibc gives back what it kept after the JIT compiler's "
                    + "arenas, zlib or other native code freed it, which otherwise comes and goes by megabytes between "
                    + "two measurements); `RSS untrimmed` is the slope of the RSS before the trim. `from base` is the "
                    + "older figure: growth from before the first connection to C, over C, after a warm-up of up to "
                    + "1,000 connections that echo the same message and close; `warm-up RSS` is what the warm-up left "
                    + "resident. WS Socket's `max-connections-per-address` is raised to 16,000 for these runs (its default, "
                    + "a quarter of what the open-file limit allows, is below 8,000 from the one driver address).",
            List.of(Metric.lower("heap_per_conn_kib", "heap KiB/conn", 1), Metric.lower("rss_per_conn_kib", "RSS KiB/conn", 1),
                    Metric.shown("rss_untrimmed_per_conn_kib", "RSS untrimmed", 1),
                    Metric.shown("heap_from_base_kib", "heap from base", 1), Metric.shown("rss_from_base_kib", "RSS from base", 1),
                    Metric.shown("warmup_rss_mib", "warm-up RSS MiB", 1), Metric.text("deflate", "deflate"), Metric.higher("handshakes_per_s", "handshakes/s", 0),
                    Metric.count("errors", "errors"))),
    BROADCAST("broadcast", "Broadcast",
            "R connections to `/broadcast`; one of them sends M text messages per second (64 B, its "
                    + "sequence number and send time inside), the server sends each to all R with the "
                    + "async remote. Deliveries per second to all receivers; fan-out latency from the "
                    + "send to each receipt; lost = deliveries of the messages sent after the warmup that never came, "
                    + "or not within 5 s of the last send (a server that falls behind loses them too).",
            List.of(Metric.higher("deliveries_per_s", "deliveries/s", 0), Metric.lower("p50_us", "p50 µs", 0),
                    Metric.lower("p99_us", "p99 µs", 0), Metric.count("lost", "lost"), Metric.count("errors", "errors"))),
    SLOW("slow", "Slow consumers",
            "As broadcast, but K of the R receivers have a 4 KiB receive buffer and never read after the "
                    + "handshake. For the fast ones: fan-out latency and lost deliveries (must be 0). For the "
                    + "server: resident set and heap after a full GC at the end, minus before, and the sends "
                    + "it refused or failed.",
            List.of(Metric.lower("p99_us", "fast p99 µs", 0), Metric.lower("p50_us", "fast p50 µs", 0),
                    Metric.count("lost", "fast lost"), Metric.lower("rss_growth_mib", "RSS growth MiB", 1),
                    Metric.lower("heap_growth_mib", "heap growth MiB", 1), Metric.count("send_failures", "failed sends"),
                    Metric.count("errors", "errors"))),
    HOSTILE("hostile", "Hostile and unlucky load",
            "Each attack runs against a server started afresh for it, beside well-behaved clients that connect "
                    + "from another loopback address (127.0.0.2; the attackers from 127.0.0.1). Well-behaved: 4 "
                    + "connections to `/echo`, each sending a 64 B text every 20 ms and waiting for its echo (lost: "
                    + "none within 5 s; late: over 1 s), or in the chat attack 4 readers of `/broadcast`; and a probe "
                    + "that opens a new connection every second and echoes one message. Their latency p50/p99 is "
                    + "over the attack's time; failures are their failed connects, lost and late messages and "
                    + "disconnects. While the attackers are still connected the runner asks the server for its heap "
                    + "after a full GC and its RSS, and counts the lines it logged during the attack; `server` says "
                    + "whether it logged an OutOfMemoryError or died. Server JVMs as in every scenario; for the "
                    + "blocked senders `/echo` accepts 2 MiB texts, for the fd attack the server may open 1,024 files "
                    + "(`prlimit --nofile=1024:1024`). WS Socket runs with its default settings.",
            List.of(Metric.lower("p99_us", "good p99 µs", 0), Metric.lower("p50_us", "good p50 µs", 0),
                    Metric.count("failed_connects", "failed connects"), Metric.count("lost", "lost"),
                    Metric.count("late", "late"), Metric.count("disconnects", "disconnects"),
                    Metric.count("new_failed", "new conns failed"), Metric.count("new_tried", "new conns tried"),
                    Metric.lower("heap_mib", "heap after GC MiB", 1), Metric.lower("rss_mib", "RSS MiB", 1),
                    Metric.text("server_state", "server"), Metric.count("log_lines", "log lines"),
                    Metric.count("attack_opened", "attack conns"), Metric.count("attack_msgs", "attack msgs"),
                    Metric.text("origin_evil", "Origin: https://evil.example"), Metric.text("origin_null", "Origin: null"),
                    Metric.text("origin_same", "own origin"))),
    CLUSTER_BROADCAST("cluster-broadcast", "Cluster broadcast",
            "WS Socket alone. N nodes (1, 2 or 3 WS Socket servers, each its own JVM with the same options as every "
                    + "server here, all pinned to the one server CPU) joined in one Hazelcast cluster on loopback "
                    + "(wssocket-hazelcast, embedded members, default settings); R receivers connected to "
                    + "`/cluster-broadcast`, spread evenly over the nodes (connection i to node i mod N); one of them, "
                    + "on the first node, sends M text messages per second (64 B, sequence number and send time "
                    + "inside), which the endpoint publishes with `Cluster.broadcast` to the path on every node, each "
                    + "node sending it to its own receivers. `no cluster` is one server without a cluster and the "
                    + "same receivers on `/broadcast` (the broadcast scenario's endpoint, a local fan-out). Every "
                    + "delivery is verified byte for byte. `received/s`: the measured deliveries over the time from the "
                    + "first measured send to the last of their receipts (below R × M when the nodes fall behind and "
                    + "catch up after the sending stopped); `deliveries/s` as in broadcast (over the sending time only); "
                    + "fan-out latency from the send to each receipt (one process, one clock); lost as in broadcast; "
                    + "duplicates: messages a receiver got again or after a later one. **All nodes share one core of "
                    + "a 2-core machine** (the driver has the other): the figures are what the cluster costs on one "
                    + "machine, not how it scales out over several; `load` is the machine's 1-minute load average at "
                    + "the end of the run (the suite's own processes included), since others' work shows in them.",
            List.of(Metric.higher("received_per_s", "received/s", 0), Metric.shown("deliveries_per_s", "deliveries/s", 0),
                    Metric.lower("p50_us", "p50 µs", 0),
                    Metric.lower("p99_us", "p99 µs", 0), Metric.shown("max_us", "max µs", 0), Metric.count("lost", "lost"),
                    Metric.count("duplicates", "duplicates"), Metric.count("errors", "errors"),
                    Metric.shown("load_1m", "load", 1))),
    CLUSTER_IDLE("cluster-idle", "Cluster: what a node costs when idle",
            "WS Socket alone: one server without a cluster, a one-node cluster, and a three-node cluster (nodes as in "
                    + "cluster-broadcast). With no connection, 2 s after the last node is up: the first node's heap after "
                    + "a full GC (live objects, `heap_after_gc`), its live threads (the JVM's own included) and its "
                    + "resident set. Then C idle connections to `/echo` on the first node (the cluster "
                    + "counts every session in its presence map), held while the runner measures again: heap per connection "
                    + "on that node and on the other nodes together (their copy of the presence entries), and its "
                    + "threads with the connections open. `load` as in cluster-broadcast.",
            List.of(Metric.lower("heap_mib", "idle heap MiB", 1), Metric.lower("idle_threads", "idle threads", 0),
                    Metric.shown("rss_mib", "idle RSS MiB", 1), Metric.lower("heap_per_conn_kib", "heap KiB/conn", 2),
                    Metric.shown("peer_heap_per_conn_kib", "other nodes' heap KiB/conn", 2),
                    Metric.lower("threads", "threads with C conns", 0), Metric.count("errors", "errors"),
                    Metric.shown("load_1m", "load", 1))),
    SOAK("soak", "Soak",
            "WS Socket alone, for `--soak-minutes`: well-behaved echo clients, broadcast readers and a publisher, "
                    + "connection churn, and 10 % slow consumers that never read, all bounded in count. Every "
                    + "30 s the runner records the server's RSS and heap after a full GC and the well-behaved "
                    + "sessions' lost messages.",
            List.of(Metric.count("lost", "lost"), Metric.count("failed_connects", "failed connects"),
                    Metric.count("errors", "errors")));

    /** How the echo scenarios measure the server's CPU, in words for the report. */
    private static String serverCpuMethod() {
        return "Server CPU µs/msg is the server process's user and system "
                + "time (`/proc/PID/stat`, all its threads) over the measured window divided by the messages echoed in it, "
                + "read by the driver at the window's start and end; it holds when the driver rather than the server "
                + "limits the rate, and `server CPU %` (of its one core) says which it was.";
    }

    /** The wss scenario's keystore, under the repository: made afresh by the runner before the first run. */
    static final String TLS_KEYSTORE = "bench/target/tls/bench.p12";

    /** The wss scenario's handshakes in progress at once. */
    static final int HANDSHAKE_CONCURRENCY = 8;

    /**
     * The wss echo runs open their connections this many TLS handshakes at a time: WS Socket's
     * default {@code max-tls-handshakes} (64 per core, so 64 on the one server core) closes any
     * connection accepted beyond it, as it is meant to under a flood; 100 at once lost 36.
     */
    static final int TLS_RAMP_CONCURRENCY = 32;

    /** The wss echo runs' time for every opening handshake: 100 TLS handshakes on one busy core take seconds. */
    static final int TLS_CONNECT_TIMEOUT_S = 60;

    /** The open files the hostile scenario's fd attack allows the server JVM (soft and hard limit). */
    static final int FD_ATTACK_OPEN_FILES = 1024;

    /** The permessage-deflate scenarios' servers: deflate on (where a server needs telling). */
    static final String DEFLATE_ON = "-Dbench.deflate=true";

    /**
     * The deflate-idle scenario's connections at most: each may hold zlib state (about 300 KiB) on a
     * peer, so 8,000 cost a peer about 2.4 GB of native memory; and each is an open file in the
     * driver and in the server.
     */
    static final int DEFLATE_IDLE_MAX = 8000;

    /**
     * Every idle connection comes from the driver's one address: WS Socket's per-address limit (by
     * default a quarter of what its open-file limit allows: 4,498 under the runner's 20,000) is
     * raised for the idle scenarios, else it refuses what the scenario means to hold (the other
     * servers have no such limit, and ignore the property).
     */
    static final String ONE_ADDRESS = perAddress(16_000);

    /**
     * The deflate-idle servers' heap, fixed and touched from the start: Tomcat holds about 70 KiB of
     * heap per idle connection, 120 KiB with deflate, more than the suite's usual 512 MiB at 8,000.
     * WS Socket's per-address limit (by default a quarter of what its open-file limit allows: 4,498
     * under the runner's 20,000) is raised, since every connection comes from the driver's address.
     */
    static final List<String> DEFLATE_IDLE_JVM = List.of(DEFLATE_ON, "-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch",
            ONE_ADDRESS);

    /**
     * The idle scenario's WS Socket limits for C connections, all from the driver's one address:
     * {@link #ONE_ADDRESS} up to 16,000; beyond, both max-connections-per-address and
     * max-connections are C. WS Socket's default max-connections is the open-file limit less 10 %
     * (about 17,900 under the runner's 20,000), so a run of 19,000 would otherwise count its own
     * refusals (429 past the per-address limit, 503 past max-connections) instead of memory.
     */
    static List<String> idleLimits(int connections) {
        if (connections <= 16_000) {
            return List.of(ONE_ADDRESS);
        }
        return List.of(perAddress(connections), "-Dwssocket.max-connections=" + connections);
    }

    private static String perAddress(int connections) {
        return "-Dwssocket.max-connections-per-address=" + connections;
    }

    /**
     * The deflate-idle warm-up's connections (at most the run's): they echo their first message and
     * close before the baseline is taken, so that a server's fixed costs (a pool of deflaters, zlib
     * memory the allocator keeps after use, compiled code) do not pass for a cost per connection.
     * Without it, WS Socket's 16 pooled compressors (about 5 MB) added 1.3 KiB to each of 4,000 (the
     * slope between half and all of the connections does not need it; the figures from the base do).
     */
    static final int DEFLATE_IDLE_WARMUP = 1000;

    /** The deflate-idle scenario's first message per connection. */
    static final int DEFLATE_IDLE_FIRST_MESSAGE = 1024;

    /** The cluster sizes cluster-broadcast compares, after the server without a cluster (0). */
    static final List<Integer> CLUSTER_SIZES = List.of(0, 1, 2, 3);

    /** The cluster sizes cluster-idle measures: no cluster, one node alone, a node of three. */
    static final List<Integer> CLUSTER_IDLE_SIZES = List.of(0, 1, 3);

    /** cluster-broadcast's publishing rates (msg/s), the broadcast scenario's. */
    static final List<Integer> CLUSTER_RATES = List.of(10, 100);

    /** cluster-idle's idle connections to the first node. */
    static final int CLUSTER_IDLE_CONNECTIONS = 2000;

    /** The echo-large scenario's large messages, and what {@code /echo} accepts there. */
    static final int LARGE = 256 * 1024;

    /** The text limit given to {@code /echo} for the blocked senders' 2 MiB messages. */
    static final String BLOCKED_ECHO_LIMIT = "-Dbench.echo.max-text=" + (2 << 20);

    /** The echo scenarios' figures: throughput with the server's CPU per message beside it, then latency. */
    private static List<Metric> echoMetrics(boolean mismatches) {
        List<Metric> m = new ArrayList<>(List.of(Metric.higher("msgs_per_s", "msgs/s", 0),
                Metric.lower("cpu_us_per_msg", "server CPU µs/msg", 1), Metric.shown("server_cpu_pct", "server CPU %", 0),
                Metric.shown("mb_per_s", "MB/s", 1), Metric.lower("p50_us", "p50 µs", 0), Metric.lower("p99_us", "p99 µs", 0),
                Metric.shown("max_us", "max µs", 0), Metric.count("errors", "errors")));
        if (mismatches) {
            m.add(Metric.count("mismatches", "mismatches"));
        }
        return List.copyOf(m);
    }

    private final String id;
    private final String title;
    private final String method;
    private final List<Metric> metrics;

    Scenario(String id, String title, String method, List<Metric> metrics) {
        this.id = id;
        this.title = title;
        this.method = method;
        this.metrics = metrics;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String method() {
        return method;
    }

    public List<Metric> metrics() {
        return metrics;
    }

    /** The metric charted and compared first. */
    public Metric primary() {
        return metrics.get(0);
    }

    /**
     * The generated section of docs/benchmarks.md its tables go in: {@code deflate} for the
     * permessage-deflate scenarios, {@code wss}, {@code cluster} and {@code large} for theirs, the main
     * one ({@code ""}) for the rest, so that running either
     * group alone leaves the other's tables as they are.
     */
    String section() {
        return switch (this) {
            case DEFLATE, DEFLATE_IDLE -> "deflate";
            case WSS -> "wss";
            case ECHO_LARGE -> "large";
            case CLUSTER_BROADCAST, CLUSTER_IDLE -> "cluster";
            default -> "";
        };
    }

    /** Whether its runs need a set of cluster nodes ({@link #clusterLayouts}) rather than one server. */
    boolean clustered() {
        return this == CLUSTER_BROADCAST || this == CLUSTER_IDLE;
    }

    /**
     * Whether each run gets a server of its own: an attack may leave the server unusable for the
     * next; and a server's resident set does not shrink after a run, so two memory runs compared
     * with each other (deflate-idle's with and without) each need a fresh server.
     */
    boolean serverPerRun() {
        return this == HOSTILE || this == SOAK || this == DEFLATE_IDLE;
    }

    /**
     * JVM options of the server for this scenario's runs (scenarios whose runs share a server):
     * for the deflate echo permessage-deflate on and 16 KiB texts on {@code /echo} (Tomcat's
     * default text buffer is 8 KiB); for idle WS Socket's limits raised to hold every connection
     * ({@link #idleLimits}); for wss the keystore to serve.
     */
    List<String> serverJvmArgs(SuiteOptions o) {
        return switch (this) {
            case DEFLATE -> List.of(DEFLATE_ON, "-Dbench.echo.max-text=" + 16 * 1024);
            case ECHO_LARGE -> List.of("-Dbench.echo.max-text=" + LARGE, "-Dbench.echo.max-binary=" + LARGE);
            case WSS -> List.of("-D" + BenchTls.KEYSTORE_PROPERTY + "=" + keystore(o),
                    "-D" + BenchTls.PASSWORD_PROPERTY + "=" + BenchTls.PASSWORD);
            case IDLE -> idleLimits(o.idleConnections());
            default -> List.of(); // deflate-idle: each run's RunConfig has them, on its own server
        };
    }

    /** Whether a run without {@code --scenarios} includes it: the soak is run on purpose only. */
    boolean inDefaultSuite() {
        return this != SOAK;
    }

    /**
     * Whether it runs on {@code server}: the soak and the cluster measure WS Socket only; wss the
     * servers whose TLS the bench sets up; Netty on OpenSSL is there for wss only, raw TCP for
     * echo-large only.
     */
    boolean runsOn(ServerKind server) {
        if (this == WSS) {
            return server.servesTls();
        }
        if (server == ServerKind.NETTY_OPENSSL) {
            return false;
        }
        if (!server.speaksWebSocket()) {
            return this == ECHO_LARGE;
        }
        return (this != SOAK && !clustered()) || server == ServerKind.SUBJECT;
    }

    /** The wss scenario's keystore under the repository of {@code o}. */
    static Path keystore(SuiteOptions o) {
        return o.root().resolve(TLS_KEYSTORE);
    }

    /** Whether it runs on {@code server} in {@code round}: one soak is the measurement, its length is --soak-minutes. */
    boolean runsIn(ServerKind server, int round) {
        return runsOn(server) && (this != SOAK || round == 1);
    }

    /** The driver runs of one round, in order. */
    List<RunConfig> configs(SuiteOptions o) {
        List<RunConfig> runs = new ArrayList<>();
        String timing = "--warmup " + o.warmup() + " --duration " + o.duration();
        switch (this) {
            case ECHO, ECHO_C -> {
                String driver = this == ECHO ? "io.wssocket.bench.EchoLoad" : CDriver.NAME;
                runs.add(echo("text-64-w1", "64 B text, window 1", o, 64, 1, false, timing, driver));
                runs.add(echo("text-64-w16", "64 B text, window 16", o, 64, 16, false, timing, driver));
                runs.add(echo("binary-16k-w4", "16 KiB binary, window 4", o, 16384, 4, true, timing, driver));
            }
            case ECHO_LARGE -> {
                runs.add(echo("binary-16k-w4", "16 KiB binary, window 4", o, 16384, 4, true, timing, CDriver.NAME));
                runs.add(echo("text-16k-w4", "16 KiB text, window 4", o, 16384, 4, false, timing, CDriver.NAME));
                runs.add(echo("binary-256k-w1", "256 KiB binary, window 1", o, LARGE, 1, true, timing, CDriver.NAME));
                runs.add(echo("text-256k-w1", "256 KiB text, window 1", o, LARGE, 1, false, timing, CDriver.NAME));
            }
            case WSS -> {
                String tls = timing + " --tls " + keystore(o);
                String ramp = tls + " --concurrency " + TLS_RAMP_CONCURRENCY + " --connect-timeout " + TLS_CONNECT_TIMEOUT_S;
                String driver = "io.wssocket.bench.EchoLoad";
                runs.add(echo("text-64-w1", "64 B text, window 1", o, 64, 1, false, ramp, driver));
                runs.add(echo("text-64-w16", "64 B text, window 16", o, 64, 16, false, ramp, driver));
                runs.add(echo("binary-16k-w4", "16 KiB binary, window 4", o, 16384, 4, true, ramp, driver));
                runs.add(new RunConfig("handshakes-c" + HANDSHAKE_CONCURRENCY,
                        "TLS + WebSocket handshakes, " + HANDSHAKE_CONCURRENCY + " at a time", "io.wssocket.bench.HandshakeLoad",
                        split("--concurrency " + HANDSHAKE_CONCURRENCY + " " + tls), false));
            }
            case IDLE -> runs.add(new RunConfig("idle-" + o.idleConnections(),
                    String.format(Locale.ROOT, "%,d connections", o.idleConnections()), "io.wssocket.bench.IdleLoad",
                    split("--connections " + o.idleConnections() + " --duration " + o.duration()), true));
            case DEFLATE -> {
                runs.add(deflateEcho("json-64-w1", "64 B JSON, window 1", o, 64, 1, timing));
                runs.add(deflateEcho("json-64-w16", "64 B JSON, window 16", o, 64, 16, timing));
                runs.add(deflateEcho("json-16k-w1", "16 KiB JSON, window 1", o, 16384, 1, timing));
                runs.add(deflateEcho("json-16k-w16", "16 KiB JSON, window 16", o, 16384, 16, timing));
            }
            case DEFLATE_IDLE -> {
                int conns = Math.min(o.idleConnections(), DEFLATE_IDLE_MAX);
                for (boolean deflate : new boolean[] {false, true}) {
                    String each = " --first-message " + DEFLATE_IDLE_FIRST_MESSAGE + " --deflate " + (deflate ? "on" : "off");
                    runs.add(new RunConfig("idle-" + conns + (deflate ? "-deflate" : "-plain"),
                            String.format(Locale.ROOT, "%,d connections, %s deflate", conns, deflate ? "with" : "without"),
                            "io.wssocket.bench.IdleLoad", split("--connections " + conns + " --hold-at " + conns / 2
                                    + " --duration " + o.duration() + each),
                            true, DEFLATE_IDLE_JVM, 0,
                            split("--connections " + Math.min(conns, DEFLATE_IDLE_WARMUP) + " --duration 1 --hold-timeout 0" + each)));
                }
            }
            case BROADCAST -> {
                for (int rate : new int[] {10, 100}) {
                    runs.add(new RunConfig("rate-" + rate,
                            String.format(Locale.ROOT, "%,d receivers, %d msg/s", o.receivers(), rate),
                            "io.wssocket.bench.BroadcastLoad",
                            split("--receivers " + o.receivers() + " --rate " + rate + " " + timing), false));
                }
            }
            case SLOW -> {
                int slow = Math.max(1, o.receivers() * o.slowPercent() / 100);
                runs.add(new RunConfig("slow-" + o.slowPercent() + "pct",
                        String.format(Locale.ROOT, "%,d receivers, %,d slow, 100 msg/s", o.receivers(), slow),
                        "io.wssocket.bench.BroadcastLoad",
                        split("--receivers " + o.receivers() + " --slow " + slow + " --rate 100 --hold 1 " + timing), true));
            }
            case HOSTILE -> {
                String d = " --duration " + o.attackSeconds();
                runs.add(hostile("blocked-16", "a. blocked senders: 16 × two 2 MiB texts, never read",
                        "--attack blocked --attackers 16" + d, List.of(BLOCKED_ECHO_LIMIT), 0));
                runs.add(hostile("blocked-200", "a. blocked senders: 200 × two 2 MiB texts, never read",
                        "--attack blocked --attackers 200" + d, List.of(BLOCKED_ECHO_LIMIT), 0));
                runs.add(hostile("flood", "b. inbound flood: 1 MB texts to a 5 ms handler", "--attack flood" + d, List.of(), 0));
                runs.add(hostile("origin", "c. cross-origin handshakes", "--attack origin" + d, List.of(), 0));
                runs.add(hostile("fd", "d. one address takes the file descriptors: up to 1,100 idle connections, server at "
                        + FD_ATTACK_OPEN_FILES + " open files", "--attack fd --attackers 1100" + d, List.of(), FD_ATTACK_OPEN_FILES));
                runs.add(hostile("chat", "e. chat: 200 members never read, 2 KB at 50 msg/s", "--attack chat --attackers 200" + d,
                        List.of(), 0));
            }
            case CLUSTER_BROADCAST, CLUSTER_IDLE -> clusterLayouts(o).forEach(layout -> runs.addAll(layout.runs()));
            case SOAK -> runs.add(new RunConfig("soak-" + o.soakMinutes() + "min",
                    o.soakMinutes() + " min, mixed load", "io.wssocket.bench.SoakLoad",
                    split("--duration " + o.soakMinutes() * 60 + " --sample 30"), false));
        }
        return runs;
    }

    /**
     * The cluster scenarios' server sets in order, each with the runs that share it: for
     * cluster-broadcast each of {@link #CLUSTER_SIZES} at each of {@link #CLUSTER_RATES}; for
     * cluster-idle each of {@link #CLUSTER_IDLE_SIZES} with {@link #CLUSTER_IDLE_CONNECTIONS} idle
     * connections. None for the other scenarios.
     */
    List<ClusterLayout> clusterLayouts(SuiteOptions o) {
        List<ClusterLayout> layouts = new ArrayList<>();
        if (this == CLUSTER_BROADCAST) {
            for (int nodes : CLUSTER_SIZES) {
                List<RunConfig> runs = new ArrayList<>();
                for (int rate : CLUSTER_RATES) {
                    runs.add(new RunConfig(ClusterLayout.idOf(nodes) + "-rate-" + rate,
                            String.format(Locale.ROOT, "%s, %,d receivers, %d msg/s", nodesLabel(nodes), o.receivers(), rate),
                            "io.wssocket.bench.BroadcastLoad", split("--receivers " + o.receivers() + " --rate " + rate
                                    + " --path " + (nodes == 0 ? "/broadcast" : "/cluster-broadcast")
                                    + " --warmup " + o.warmup() + " --duration " + o.duration()), false));
                }
                layouts.add(new ClusterLayout(nodes, runs));
            }
        } else if (this == CLUSTER_IDLE) {
            for (int nodes : CLUSTER_IDLE_SIZES) {
                layouts.add(new ClusterLayout(nodes, List.of(new RunConfig(ClusterLayout.idOf(nodes) + "-idle",
                        String.format(Locale.ROOT, "%s, %,d connections", nodesLabel(nodes), CLUSTER_IDLE_CONNECTIONS),
                        "io.wssocket.bench.IdleLoad", split("--connections " + CLUSTER_IDLE_CONNECTIONS
                                + " --duration " + o.duration()), true))));
            }
        }
        return layouts;
    }

    private static String nodesLabel(int nodes) {
        return nodes == 0 ? "no cluster" : nodes == 1 ? "1 node" : nodes + " nodes";
    }

    private static RunConfig hostile(String id, String label, String args, List<String> jvmArgs, int openFiles) {
        return new RunConfig(id, label, "io.wssocket.bench.HostileLoad", split(args), true, jvmArgs, openFiles);
    }

    private static RunConfig echo(String id, String label, SuiteOptions o, int size, int window, boolean binary, String timing,
                                  String driver) {
        String args = "--connections " + o.echoConnections() + " --size " + size + " --window " + window + " " + timing
                + (binary ? " --binary" : "");
        return new RunConfig(id, label, driver, split(args), false);
    }

    /** Whether its drivers measure the server's CPU over their window ({@code --server-pid}): the echo scenarios and wss. */
    boolean measuresServerCpu() {
        return this == ECHO || this == ECHO_C || this == ECHO_LARGE || this == DEFLATE || this == WSS;
    }

    private static RunConfig deflateEcho(String id, String label, SuiteOptions o, int size, int window, String timing) {
        String args = "--connections " + o.echoConnections() + " --size " + size + " --window " + window + " " + timing
                + " --json --deflate";
        return new RunConfig(id, label, "io.wssocket.bench.EchoLoad", split(args), false);
    }

    private static List<String> split(String args) {
        return List.of(args.trim().split("\\s+"));
    }

    public static Scenario byId(String id) {
        for (Scenario s : values()) {
            if (s.id.equals(id.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + id + "' (known: "
                + Arrays.stream(values()).map(Scenario::id).collect(Collectors.joining(" ")) + ")");
    }
}
