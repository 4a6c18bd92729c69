package io.wssocket.bench;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak's driver: a mixed load held for {@code --duration} seconds, every part bounded in
 * count: {@code --echo-clients} well-behaved echo clients (a 256 B text every 100 ms each),
 * {@code --readers} well-behaved readers of {@code /broadcast} with a publisher at {@code --rate}
 * msg/s (512 B), connection churn ({@code --churn} connections a second, each opened, echoing one
 * message and closed), and {@code --slow-percent} of the well-behaved count again as slow
 * consumers that never read: half of them on {@code /broadcast}, half sending to {@code /echo}
 * (one 1 KiB text every 100 ms, reconnecting 5 s after the server drops them).
 *
 * <p>Every {@code --sample} seconds it prints {@code SAMPLE t_s=… lost=…} (the runner adds the
 * server's memory); at the end one {@code RESULT} line. Lost: an echo not back within 5 s or not
 * what was sent, a broadcast gap, or a broadcast not received 5 s after the last send.
 */
public final class SoakLoad {

    static final Set<String> OPTIONS = Set.of("server", "host", "port", "duration", "sample", "echo-clients", "readers",
            "rate", "churn", "slow-percent", "good-host");
    private static final String USAGE = "usage: SoakLoad [--duration 1800] [--sample 30] [--echo-clients 18] [--readers 18]"
            + " [--rate 10] [--churn 5] [--slow-percent 10] [--port 8080] [--host 127.0.0.1] [--good-host 127.0.0.2]";

    private static final int ECHO_SIZE = 256;
    private static final long ECHO_INTERVAL_MS = 100;
    private static final int BROADCAST_SIZE = 512;
    private static final int SLOW_SIZE = 1024;
    private static final int TIMEOUT_MS = 5000;
    private static final long LATE_NS = TimeUnit.SECONDS.toNanos(1);

    private final String server;
    private final String host;
    private final int port;
    private final long durationNs;
    private final long sampleNs;
    private final int echoClients;
    private final int readerCount;
    private final double rate;
    private final double churn;
    private final int slow;
    private final String goodHost;

    private final AtomicLong echoes = new AtomicLong();
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong failedConnects = new AtomicLong();
    private final AtomicLong disconnects = new AtomicLong();
    private final AtomicLong churned = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final ConcurrentLinkedQueue<BlockingClient> open = new ConcurrentLinkedQueue<>();
    private final List<Reader> readers = new ArrayList<>();
    private final int[] printed = new int[1];
    private volatile boolean publishing = true;
    private volatile boolean stopping;

    SoakLoad(DriverArgs args) {
        this.server = args.string("server", "unknown");
        this.host = args.string("host", "127.0.0.1");
        this.port = args.integer("port", 8080, 1, 65535);
        this.durationNs = SelectorLoad.nanos(args.seconds("duration", 1800, 1));
        this.sampleNs = SelectorLoad.nanos(args.seconds("sample", 30, 1));
        this.echoClients = args.integer("echo-clients", 18, 1, 500);
        this.readerCount = args.integer("readers", 18, 1, 500);
        this.rate = args.seconds("rate", 10, 0.1);
        this.churn = args.seconds("churn", 5, 0.1);
        int slowPercent = args.integer("slow-percent", 10, 0, 90);
        this.slow = (int) Math.ceil((echoClients + readerCount) * slowPercent / 100.0);
        this.goodHost = args.string("good-host", "127.0.0.2");
        for (String h : new String[] {host, goodHost}) {
            if (!h.startsWith("127.")) {
                throw new IllegalArgumentException("--host and --good-host must be loopback addresses (127.x.y.z), got " + h);
            }
        }
    }

    public static void main(String[] args) {
        SoakLoad load;
        try {
            load = new SoakLoad(new DriverArgs(args, OPTIONS));
        } catch (IllegalArgumentException e) {
            System.err.println("SoakLoad: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        String result = load.run();
        System.out.println(result);
        System.out.flush();
        System.exit(load.errorCount() > 0 ? 1 : 0);
    }

    private String run() {
        long start = System.nanoTime();
        for (int i = 0; i < slow; i++) {
            int id = i;
            spawn("slow-" + i, () -> slowConsumer(id));
        }
        for (int i = 0; i < readerCount; i++) {
            Reader r = new Reader(i);
            readers.add(r);
            spawn("reader-" + i, r::run);
        }
        for (int i = 0; i < echoClients; i++) {
            int id = i;
            spawn("echo-" + i, () -> echoClient(id));
        }
        spawn("publisher", this::publish);
        spawn("churn", this::churn);
        long end = start + durationNs;
        for (long next = start + sampleNs; next <= end; next += sampleNs) {
            sleepUntil(next);
            System.out.printf(Locale.ROOT, "SAMPLE t_s=%.0f lost=%d echoes=%d deliveries=%d failed_connects=%d disconnects=%d%n",
                    (System.nanoTime() - start) / 1e9, lost.get(), echoes.get(), deliveries.get(), failedConnects.get(),
                    disconnects.get());
            System.out.flush();
        }
        sleepUntil(end);
        publishing = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && readers.stream().anyMatch(r -> r.next < published.get())) {
            sleepMs(20);
        }
        for (Reader r : readers) {
            long missing = published.get() - r.next;
            if (missing > 0) {
                lost.addAndGet(missing);
                error("reader " + r.id + ": " + missing + " broadcasts not received 5 s after the last send");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        stopping = true;
        for (BlockingClient c : open) {
            c.close();
        }
        return String.format(Locale.ROOT, "RESULT server=%s scenario=soak duration_s=%.1f clients=%d slow=%d echoes=%d"
                        + " deliveries=%d published=%d churned=%d lost=%d late=%d failed_connects=%d disconnects=%d errors=%d",
                server, seconds, echoClients + readerCount + slow + 1, slow, echoes.get(), deliveries.get(), published.get(),
                churned.get(), lost.get(), late.get(), failedConnects.get(), disconnects.get(), errorCount());
    }

    long errorCount() {
        return lost.get() + late.get() + failedConnects.get() + disconnects.get();
    }

    private BlockingClient connect(String path, String who) {
        try {
            BlockingClient c = BlockingClient.open(goodHost, host, port, path, null, 0, TIMEOUT_MS);
            open.add(c);
            return c;
        } catch (IOException e) {
            if (!stopping) {
                failedConnects.incrementAndGet();
                error(who + ": connect failed: " + e);
            }
            return null;
        }
    }

    private void echoClient(int id) {
        byte[] payload = new byte[ECHO_SIZE];
        long seq = 0;
        while (!stopping) {
            BlockingClient c = connect(EchoEndpoint.PATH, "echo " + id);
            if (c == null) {
                sleepMs(500);
                continue;
            }
            try {
                long next = System.nanoTime();
                while (!stopping) {
                    Arrays.fill(payload, (byte) 's');
                    HexDigits.write(seq++, payload, 0, 16);
                    HexDigits.write(id, payload, 16, 8);
                    long t0 = System.nanoTime();
                    c.sendText(payload);
                    byte[] echo;
                    try {
                        echo = c.readMessage();
                    } catch (SocketTimeoutException e) {
                        if (!stopping) {
                            lost.incrementAndGet();
                            error("echo " + id + ": no echo within " + TIMEOUT_MS + " ms");
                        }
                        break;
                    }
                    if (!Arrays.equals(echo, payload)) {
                        lost.incrementAndGet();
                        error("echo " + id + ": echo differs from what was sent");
                        break;
                    }
                    echoes.incrementAndGet();
                    if (System.nanoTime() - t0 > LATE_NS) {
                        late.incrementAndGet();
                    }
                    next += TimeUnit.MILLISECONDS.toNanos(ECHO_INTERVAL_MS);
                    sleepUntil(next);
                }
            } catch (IOException e) {
                if (!stopping) {
                    disconnects.incrementAndGet();
                    error("echo " + id + ": disconnected: " + e);
                }
            } finally {
                open.remove(c);
                c.close();
            }
        }
    }

    private void publish() {
        BlockingClient c = connect(BroadcastEndpoint.PATH, "publisher");
        if (c == null) {
            return;
        }
        spawn("publisher-reader", () -> {
            try {
                c.setReadTimeout(0);
                while (!stopping) {
                    c.readMessage(); // its own broadcasts, dropped
                }
            } catch (IOException e) {
                // ends with the connection
            }
        });
        sleepMs(2000); // the readers' sessions register first
        byte[] payload = BroadcastPayload.template(BROADCAST_SIZE);
        long start = System.nanoTime();
        long period = (long) (1e9 / rate);
        try {
            for (long seq = 0; publishing && !stopping; seq++) {
                sleepUntil(start + seq * period);
                if (!publishing) {
                    break;
                }
                BroadcastPayload.writeHead(payload, seq, System.nanoTime());
                c.sendText(payload);
                published.set(seq + 1);
            }
        } catch (IOException e) {
            if (!stopping) {
                disconnects.incrementAndGet();
                error("publisher: send failed: " + e);
            }
        }
    }

    private final class Reader {
        final int id;
        volatile long next;

        Reader(int id) {
            this.id = id;
        }

        void run() {
            while (!stopping) {
                BlockingClient c = connect(BroadcastEndpoint.PATH, "reader " + id);
                if (c == null) {
                    sleepMs(500);
                    continue;
                }
                try {
                    c.setReadTimeout(0);
                    while (!stopping) {
                        byte[] m = c.readMessage();
                        long now = System.nanoTime();
                        byte[] head = Arrays.copyOf(m, BroadcastPayload.HEAD);
                        long seq = BroadcastPayload.sequence(head);
                        if (m.length != BROADCAST_SIZE || seq < next) {
                            lost.incrementAndGet();
                            error("reader " + id + ": malformed, repeated or reordered broadcast");
                            continue;
                        }
                        if (seq > next) {
                            lost.addAndGet(seq - next);
                            error("reader " + id + ": broadcasts " + next + " to " + (seq - 1) + " never arrived");
                        }
                        next = seq + 1;
                        deliveries.incrementAndGet();
                        if (now - BroadcastPayload.sentNanos(head) > LATE_NS) {
                            late.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    if (!stopping) {
                        disconnects.incrementAndGet();
                        error("reader " + id + ": disconnected: " + e);
                    }
                } finally {
                    open.remove(c);
                    c.close();
                }
            }
        }
    }

    private void churn() {
        byte[] payload = new byte[64];
        Arrays.fill(payload, (byte) 'c');
        long period = (long) (1e9 / churn);
        long next = System.nanoTime();
        while (!stopping) {
            BlockingClient c = connect(EchoEndpoint.PATH, "churn");
            if (c != null) {
                try {
                    c.sendText(payload);
                    if (!Arrays.equals(c.readMessage(), payload)) {
                        lost.incrementAndGet();
                        error("churn: echo differs");
                    }
                    c.closeNormally();
                    churned.incrementAndGet();
                } catch (IOException e) {
                    if (!stopping) {
                        lost.incrementAndGet();
                        error("churn: no echo: " + e);
                    }
                } finally {
                    open.remove(c);
                    c.close();
                }
            }
            next += period;
            sleepUntil(next);
        }
    }

    /** Never reads: half on /broadcast, half sending to /echo; dropped by the server, it comes back 5 s later. */
    private void slowConsumer(int id) {
        boolean broadcast = id % 2 == 0;
        byte[] payload = new byte[SLOW_SIZE];
        Arrays.fill(payload, (byte) 'w');
        while (!stopping) {
            BlockingClient c;
            try {
                c = BlockingClient.open(null, host, port, broadcast ? BroadcastEndpoint.PATH : EchoEndpoint.PATH, null,
                        HostileLoad.TINY_RECEIVE_BUFFER, TIMEOUT_MS);
                open.add(c);
            } catch (IOException e) {
                sleepMs(5000);
                continue;
            }
            try {
                byte[] frame = c.textFrame(payload);
                while (!stopping) {
                    if (!broadcast) {
                        c.write(frame);
                    }
                    sleepMs(ECHO_INTERVAL_MS);
                }
            } catch (IOException e) {
                sleepMs(5000); // the server let it go
            } finally {
                open.remove(c);
                c.close();
            }
        }
    }

    private void error(String message) {
        synchronized (printed) {
            if (printed[0]++ < 50) {
                System.err.println("error: " + message);
            }
        }
    }

    private static void spawn(String name, Runnable body) {
        Thread t = new Thread(null, body, name, 256 * 1024);
        t.setDaemon(true);
        t.start();
    }

    private static void sleepMs(long ms) {
        sleepUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms));
    }

    private static void sleepUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
