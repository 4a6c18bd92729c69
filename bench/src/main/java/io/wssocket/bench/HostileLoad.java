package io.wssocket.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The hostile scenario's driver: one attack on one server, beside well-behaved clients whose
 * experience is what it measures. Every client runs on its own thread over a blocking socket
 * ({@link BlockingClient}); every attack is bounded in connections, messages and time.
 *
 * <p>Attacks ({@code --attack}):
 * <ul>
 *   <li>{@code blocked}: N clients with a tiny receive buffer each send two 2 MiB texts to
 *       {@code /echo} and never read, so the server's blocking echo sends cannot complete;</li>
 *   <li>{@code flood}: one client sends 1,000,000-byte texts to {@code /slow} (5 ms per message
 *       in the handler) as fast as the server takes them, reconnecting if it is closed;</li>
 *   <li>{@code origin}: handshakes with {@code Origin: https://evil.example}, {@code Origin: null}
 *       and the server's own origin, each recorded as accepted or refused (a property);</li>
 *   <li>{@code fd}: up to N idle connections to {@code /echo}, opened one after the other (each
 *       given 1 s) and held, before the well-behaved clients start (the runner starts that server
 *       with 1,024 open files at most);</li>
 *   <li>{@code chat}: N members of {@code /broadcast} with a tiny receive buffer that never read,
 *       while a publisher sends 2 KB messages at 50 msg/s to the well-behaved readers.</li>
 * </ul>
 *
 * <p>The well-behaved clients come from another loopback address ({@code --good-host},
 * 127.0.0.2) than the attackers (127.0.0.1): an attack by one address should not be an attack
 * on all. Except in the chat attack, they are {@code --good-connections} echo clients sending a
 * 64 B text every 20 ms each and waiting for its echo (lost: none within 5 s; late: over 1 s);
 * in the chat attack, the readers of the publisher's messages (lost: a gap, or not received 5 s
 * after the last send). In every attack a probe opens a new connection every second, echoes one
 * message and closes it.
 *
 * <p>When the attack's time is up the driver prints {@code HOLDING} with every attacker still
 * connected, so that the runner can measure the server; then, on {@code release} on stdin (or
 * after {@code --hold-timeout}), it drops every connection and prints one {@code RESULT} line.
 */
public final class HostileLoad implements ThreadedDriver {

    static final Set<String> OPTIONS = Set.of("server", "host", "port", "attack", "attackers", "duration", "good-host",
            "good-connections", "hold-timeout");
    static final List<String> ATTACKS = List.of("blocked", "flood", "origin", "fd", "chat");

    private static final String USAGE = "usage: HostileLoad --attack " + String.join("|", ATTACKS)
            + " [--attackers N] [--duration 20] [--port 8080] [--host 127.0.0.1] [--good-host 127.0.0.2]"
            + " [--good-connections 4] [--hold-timeout 120] [--server NAME]";

    static final int BLOCKED_MESSAGE = 2 << 20;
    static final int FLOOD_MESSAGE = 1_000_000;
    static final int CHAT_MESSAGE = 2048;
    static final double CHAT_RATE = 50;
    static final int TINY_RECEIVE_BUFFER = 1024;
    private static final int ECHO_SIZE = 64;
    private static final long ECHO_INTERVAL_MS = 20;
    private static final int ECHO_TIMEOUT_MS = 5000;
    private static final long HIGHEST_NS = TimeUnit.SECONDS.toNanos(60);
    private static final int FD_HANDSHAKE_TIMEOUT_MS = 1000;
    private static final int FD_GIVE_UP_AFTER = 10;
    private static final long STACK = 256 * 1024;

    private final String server;
    private final String host;
    private final int port;
    private final String attack;
    private final int attackers;
    private final long durationNs;
    private final String goodHost;
    private final int goodConnections;
    private final long holdTimeoutNs;

    private final Histogram latency = new Histogram(1, HIGHEST_NS, 3);
    private final AtomicLong echoes = new AtomicLong();
    private final AtomicLong newTried = new AtomicLong();
    private final AtomicLong newOk = new AtomicLong();
    private final AtomicLong attackOpened = new AtomicLong();
    private final AtomicLong attackFailed = new AtomicLong();
    private final AtomicLong attackMessages = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final ConcurrentLinkedQueue<BlockingClient> open = new ConcurrentLinkedQueue<>();
    private final WellBehavedClients good;
    private final List<Thread> threads = new ArrayList<>();
    private final List<WellBehavedClients.BroadcastReader> readers = new ArrayList<>();
    private final int[] printed = new int[1];
    private final String[] origins = new String[3];

    private volatile boolean measuring;
    private volatile boolean stopping;
    private long measuredNs;

    HostileLoad(DriverArgs args) {
        this.server = args.string("server", "unknown");
        this.host = args.string("host", "127.0.0.1");
        this.port = args.integer("port", 8080, 1, 65535);
        this.attack = args.string("attack", "");
        if (!ATTACKS.contains(attack)) {
            throw new IllegalArgumentException("--attack must be one of " + ATTACKS + ", got '" + attack + "'");
        }
        int defaultAttackers = switch (attack) {
            case "blocked", "chat" -> 200;
            case "fd" -> 1100;
            default -> 1;
        };
        this.attackers = args.integer("attackers", defaultAttackers, 1, 5000);
        this.durationNs = SelectorLoad.nanos(args.seconds("duration", 20, 1));
        this.goodHost = args.string("good-host", "127.0.0.2");
        this.goodConnections = args.integer("good-connections", 4, 1, 100);
        this.holdTimeoutNs = SelectorLoad.nanos(args.seconds("hold-timeout", 120, 0));
        this.good = new WellBehavedClients(goodHost, host, port, ECHO_TIMEOUT_MS, open, () -> measuring, () -> stopping,
                this::error);
    }

    public static void main(String[] args) throws InterruptedException {
        ThreadedDriver.runMain("HostileLoad", USAGE, () -> new HostileLoad(new DriverArgs(args, OPTIONS)));
    }

    @Override
    public String run() throws InterruptedException {
        // With --hold-timeout 0 there is no hold: stdin is not read (in a test's JVM it is not ours).
        CountDownLatch release = holdTimeoutNs > 0 ? watchStdin() : new CountDownLatch(0);
        long start = System.nanoTime();
        switch (attack) {
            case "blocked" -> startBlockedSenders();
            case "flood" -> spawn("flood", this::flood);
            case "origin" -> probeOrigins();
            case "fd" -> openIdle();
            case "chat" -> openSilentMembers();
            default -> throw new IllegalStateException(attack);
        }
        long measureStart = System.nanoTime();
        if (!attack.equals("fd")) {
            measureStart = start; // the attack is on from its first connection
        }
        measuring = true;
        if (attack.equals("chat")) {
            startChat();
        } else {
            for (int i = 0; i < goodConnections; i++) {
                int id = i;
                spawn("good-" + i, () -> echoClient(id));
            }
        }
        spawn("probe", this::probeNewConnections);
        Pacing.sleepUntil(measureStart + durationNs);
        if (attack.equals("chat")) {
            finishChat();
        }
        measuring = false;
        measuredNs = System.nanoTime() - measureStart;
        HoldSignal.announce();
        release.await(holdTimeoutNs, TimeUnit.NANOSECONDS);
        stopping = true;
        for (BlockingClient c : open) {
            c.close();
        }
        for (Thread t : threads) {
            t.join(200);
        }
        return resultLine();
    }

    // ---- attacks ----

    private void startBlockedSenders() {
        byte[] payload = filler(BLOCKED_MESSAGE, 'b');
        byte[] frame = FrameEncoder.frame(true, Opcode.TEXT, payload, new byte[] {1, 2, 3, 4});
        for (int i = 0; i < attackers; i++) {
            spawn("blocked-" + i, () -> {
                BlockingClient c = attacker(EchoEndpoint.PATH, TINY_RECEIVE_BUFFER, 10_000);
                if (c == null) {
                    return;
                }
                try {
                    for (int m = 0; m < 2 && !stopping; m++) {
                        c.write(frame); // blocks once the server stops reading
                        attackMessages.incrementAndGet();
                    }
                } catch (IOException e) {
                    // the server closed it: what a defence looks like
                }
            });
        }
    }

    private void flood() {
        byte[] frame = FrameEncoder.frame(true, Opcode.TEXT, filler(FLOOD_MESSAGE, 'f'), new byte[] {5, 6, 7, 8});
        while (!stopping) {
            BlockingClient c = attacker(SlowEndpoint.PATH, 0, 10_000);
            if (c == null) {
                Pacing.sleepMs(100);
                continue;
            }
            try {
                while (!stopping) {
                    c.write(frame);
                    attackMessages.incrementAndGet();
                }
            } catch (IOException e) {
                c.close(); // closed by the server; connect again while the attack lasts
            }
        }
    }

    private void probeOrigins() {
        String[] tried = {"https://evil.example", "null", "http://" + host + ":" + port};
        for (int i = 0; i < tried.length; i++) {
            try {
                BlockingClient.open(null, host, port, EchoEndpoint.PATH, tried[i], 0, 5000).close(); // the upgrade is the answer
                origins[i] = "accepted";
            } catch (BlockingClient.Refused e) {
                origins[i] = "refused_" + e.status;
            } catch (IOException e) {
                origins[i] = "failed";
                System.err.println("origin " + tried[i] + ": " + e);
            }
        }
    }

    private void openIdle() {
        int consecutiveFailures = 0;
        long deadline = System.nanoTime() + durationNs;
        for (int i = 0; i < attackers && consecutiveFailures < FD_GIVE_UP_AFTER && System.nanoTime() < deadline; i++) {
            BlockingClient c = attacker(EchoEndpoint.PATH, 0, FD_HANDSHAKE_TIMEOUT_MS);
            consecutiveFailures = c == null ? consecutiveFailures + 1 : 0;
        }
    }

    private void openSilentMembers() {
        for (int i = 0; i < attackers; i++) {
            attacker(BroadcastEndpoint.PATH, TINY_RECEIVE_BUFFER, 5000); // never read from again
        }
    }

    /** An attacker's connection from the default loopback address, kept until the end; null if it failed. */
    private BlockingClient attacker(String path, int receiveBuffer, int timeoutMs) {
        try {
            BlockingClient c = BlockingClient.open(null, host, port, path, null, receiveBuffer, timeoutMs);
            open.add(c);
            attackOpened.incrementAndGet();
            return c;
        } catch (IOException e) {
            attackFailed.incrementAndGet();
            return null;
        }
    }

    // ---- the well-behaved ----

    private void echoClient(int id) {
        good.echo(id, "good client " + id, ECHO_SIZE, 'e', ECHO_INTERVAL_MS, 200, rtt -> {
            record(rtt);
            echoes.incrementAndGet();
        });
    }

    private void probeNewConnections() {
        byte[] payload = filler(16, 'p');
        long next = System.nanoTime();
        while (!stopping && measuring) {
            newTried.incrementAndGet();
            try (BlockingClient c = BlockingClient.open(goodHost, host, port, EchoEndpoint.PATH, null, 0, ECHO_TIMEOUT_MS)) {
                c.sendText(payload);
                if (Arrays.equals(c.readMessage(), payload)) {
                    newOk.incrementAndGet();
                } else {
                    error("probe: echo differs");
                }
            } catch (IOException e) {
                if (measuring) {
                    error("probe: new connection failed: " + e);
                }
            }
            next += TimeUnit.SECONDS.toNanos(1);
            Pacing.sleepUntil(next);
        }
    }

    private void startChat() {
        for (int i = 0; i < goodConnections; i++) {
            WellBehavedClients.BroadcastReader r = good.reader(i, CHAT_MESSAGE, 200, delay -> {
                record(delay);
                echoes.incrementAndGet();
            });
            readers.add(r);
            spawn("reader-" + i, r::run);
        }
        spawn("publisher", this::publish);
    }

    private void publish() {
        BlockingClient c;
        try {
            c = BlockingClient.open(goodHost, host, port, BroadcastEndpoint.PATH, null, 0, ECHO_TIMEOUT_MS);
            open.add(c);
        } catch (IOException e) {
            good.failedConnects.incrementAndGet();
            error("publisher: connect failed: " + e);
            return;
        }
        // the publisher is a member too: it reads (and drops) its own broadcasts
        spawn("publisher-reader", () -> {
            try {
                while (!stopping) {
                    c.setReadTimeout(0);
                    c.readMessage();
                }
            } catch (IOException e) {
                // ends with the connection
            }
        });
        // give the readers' sessions time to register before a message counts (as BroadcastLoad's warmup)
        Pacing.sleepMs(1000);
        byte[] payload = BroadcastPayload.template(CHAT_MESSAGE);
        long start = System.nanoTime();
        long period = (long) (1e9 / CHAT_RATE);
        long seq = 0;
        try {
            while (!stopping && measuring) {
                Pacing.sleepUntil(start + seq * period);
                if (!measuring) {
                    break;
                }
                BroadcastPayload.writeHead(payload, seq, System.nanoTime());
                c.sendText(payload);
                seq++;
                published.set(seq);
            }
        } catch (IOException e) {
            if (!stopping) {
                good.disconnects.incrementAndGet();
                error("publisher: send failed: " + e);
            }
        }
    }

    private void finishChat() {
        measuring = false;
        good.awaitCatchUp(readers, published::get);
    }

    // ---- bookkeeping ----

    private void record(long ns) {
        synchronized (latency) {
            latency.recordValue(Math.min(Math.max(ns, 1), HIGHEST_NS));
        }
    }

    /** Prints the first few problems on stderr; the counters count them all. */
    private void error(String message) {
        synchronized (printed) {
            if (printed[0]++ < 20) {
                System.err.println("error: " + message);
            }
        }
    }

    long failures() {
        return good.failedConnects.get() + good.lost.get() + good.late.get() + good.disconnects.get();
    }

    @Override
    public long errorCount() {
        return failures() + (newTried.get() - newOk.get());
    }

    String resultLine() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "RESULT server=%s scenario=hostile attack=%s attackers=%d duration_s=%.1f", server, attack, attackers,
                measuredNs / 1e9));
        synchronized (latency) {
            b.append(" samples=").append(latency.getTotalCount());
            if (latency.getTotalCount() > 0) {
                b.append(String.format(Locale.ROOT, " p50_us=%.1f p99_us=%.1f max_us=%.1f",
                        latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
                        latency.getMaxValue() / 1000.0));
            }
        }
        b.append(" failed_connects=").append(good.failedConnects.get()).append(" lost=").append(good.lost.get())
                .append(" late=").append(good.late.get()).append(" disconnects=").append(good.disconnects.get())
                .append(" failures=").append(failures())
                .append(" new_ok=").append(newOk.get()).append(" new_tried=").append(newTried.get())
                .append(" new_failed=").append(newTried.get() - newOk.get())
                .append(" attack_opened=").append(attackOpened.get()).append(" attack_failed=").append(attackFailed.get())
                .append(" attack_msgs=").append(attackMessages.get());
        if (attack.equals("chat")) {
            b.append(" published=").append(published.get());
        }
        if (attack.equals("origin")) {
            b.append(" origin_evil=").append(origins[0]).append(" origin_null=").append(origins[1])
                    .append(" origin_same=").append(origins[2]);
        }
        b.append(" errors=").append(errorCount());
        return b.toString();
    }

    // ---- helpers ----

    private void spawn(String name, Runnable body) {
        Thread t = new Thread(null, body, name, STACK);
        t.setDaemon(true);
        synchronized (threads) {
            threads.add(t);
        }
        t.start();
    }

    private static byte[] filler(int size, char c) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) c);
        return b;
    }

    /** Counts down on {@code release} or end of file on stdin. */
    private static CountDownLatch watchStdin() {
        CountDownLatch latch = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))) {
                String line;
                while ((line = in.readLine()) != null && !line.trim().equals("release")) {
                    // wait
                }
            } catch (IOException e) {
                // like end of file
            }
            latch.countDown();
        }, "release-watch");
        t.setDaemon(true);
        t.start();
        return latch;
    }
}
