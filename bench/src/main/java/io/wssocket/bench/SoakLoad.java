package io.wssocket.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
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
public final class SoakLoad implements ThreadedDriver {

    static final Set<String> OPTIONS = Set.of("server", "host", "port", "duration", "sample", "echo-clients", "readers",
            "rate", "churn", "slow-percent", "good-host");
    private static final String USAGE = "usage: SoakLoad [--duration 1800] [--sample 30] [--echo-clients 18] [--readers 18]"
            + " [--rate 10] [--churn 5] [--slow-percent 10] [--port 8080] [--host 127.0.0.1] [--good-host 127.0.0.2]";

    private static final int ECHO_SIZE = 256;
    private static final long ECHO_INTERVAL_MS = 100;
    private static final int BROADCAST_SIZE = 512;
    private static final int SLOW_SIZE = 1024;
    private static final int TIMEOUT_MS = 5000;

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
    private final AtomicLong churned = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final ConcurrentLinkedQueue<BlockingClient> open = new ConcurrentLinkedQueue<>();
    private final WellBehavedClients good;
    private final List<WellBehavedClients.BroadcastReader> readers = new ArrayList<>();
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
        // always counting: the soak has no warm-up, only its teardown (stopping) is not a failure
        this.good = new WellBehavedClients(goodHost, host, port, TIMEOUT_MS, open, () -> true, () -> stopping,
                this::error);
    }

    public static void main(String[] args) throws InterruptedException {
        ThreadedDriver.runMain("SoakLoad", USAGE, () -> new SoakLoad(new DriverArgs(args, OPTIONS)));
    }

    @Override
    public String run() {
        long start = System.nanoTime();
        for (int i = 0; i < slow; i++) {
            int id = i;
            spawn("slow-" + i, () -> slowConsumer(id));
        }
        for (int i = 0; i < readerCount; i++) {
            WellBehavedClients.BroadcastReader r = good.reader(i, BROADCAST_SIZE, 500, delay -> deliveries.incrementAndGet());
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
            Pacing.sleepUntil(next);
            System.out.printf(Locale.ROOT, "SAMPLE t_s=%.0f lost=%d echoes=%d deliveries=%d failed_connects=%d disconnects=%d%n",
                    (System.nanoTime() - start) / 1e9, good.lost.get(), echoes.get(), deliveries.get(), good.failedConnects.get(),
                    good.disconnects.get());
            System.out.flush();
        }
        Pacing.sleepUntil(end);
        publishing = false;
        good.awaitCatchUp(readers, published::get);
        double seconds = (System.nanoTime() - start) / 1e9;
        stopping = true;
        for (BlockingClient c : open) {
            c.close();
        }
        return String.format(Locale.ROOT, "RESULT server=%s scenario=soak duration_s=%.1f clients=%d slow=%d echoes=%d"
                        + " deliveries=%d published=%d churned=%d lost=%d late=%d failed_connects=%d disconnects=%d errors=%d",
                server, seconds, echoClients + readerCount + slow + 1, slow, echoes.get(), deliveries.get(), published.get(),
                churned.get(), good.lost.get(), good.late.get(), good.failedConnects.get(), good.disconnects.get(), errorCount());
    }

    @Override
    public long errorCount() {
        return good.lost.get() + good.late.get() + good.failedConnects.get() + good.disconnects.get();
    }

    private void echoClient(int id) {
        good.echo(id, "echo " + id, ECHO_SIZE, 's', ECHO_INTERVAL_MS, 500, rtt -> echoes.incrementAndGet());
    }

    private void publish() {
        BlockingClient c = good.connect(BroadcastEndpoint.PATH, "publisher");
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
        Pacing.sleepMs(2000); // the readers' sessions register first
        byte[] payload = BroadcastPayload.template(BROADCAST_SIZE);
        long start = System.nanoTime();
        long period = (long) (1e9 / rate);
        try {
            for (long seq = 0; publishing && !stopping; seq++) {
                Pacing.sleepUntil(start + seq * period);
                if (!publishing) {
                    break;
                }
                BroadcastPayload.writeHead(payload, seq, System.nanoTime());
                c.sendText(payload);
                published.set(seq + 1);
            }
        } catch (IOException e) {
            if (!stopping) {
                good.disconnects.incrementAndGet();
                error("publisher: send failed: " + e);
            }
        }
    }

    private void churn() {
        byte[] payload = new byte[64];
        Arrays.fill(payload, (byte) 'c');
        long period = (long) (1e9 / churn);
        long next = System.nanoTime();
        while (!stopping) {
            BlockingClient c = good.connect(EchoEndpoint.PATH, "churn");
            if (c != null) {
                try {
                    c.sendText(payload);
                    if (!Arrays.equals(c.readMessage(), payload)) {
                        good.lost.incrementAndGet();
                        error("churn: echo differs");
                    }
                    c.closeNormally();
                    churned.incrementAndGet();
                } catch (IOException e) {
                    if (!stopping) {
                        good.lost.incrementAndGet();
                        error("churn: no echo: " + e);
                    }
                } finally {
                    open.remove(c);
                    c.close();
                }
            }
            next += period;
            Pacing.sleepUntil(next);
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
                Pacing.sleepMs(5000);
                continue;
            }
            try {
                byte[] frame = c.textFrame(payload);
                while (!stopping) {
                    if (!broadcast) {
                        c.write(frame);
                    }
                    Pacing.sleepMs(ECHO_INTERVAL_MS);
                }
            } catch (IOException e) {
                Pacing.sleepMs(5000); // the server let it go
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
}
