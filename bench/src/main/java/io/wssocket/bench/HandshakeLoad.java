package io.wssocket.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The handshake driver: connections opened, upgraded and closed in a loop, {@code --concurrency}
 * at a time, for a warmup and a measured duration. Each connects, makes its TLS handshake
 * ({@code --tls}: a full TLS 1.3 handshake every time, no resumption) and its WebSocket opening
 * handshake to {@code /echo}, sends a close frame as soon as the server's 101 is checked, and
 * gives its place to a new connection once the server's close frame came back. Handshakes per
 * second count the 101s in the measured window; their latency runs from the connect to the 101.
 *
 * <p>Prints {@code RESULT scenario=handshake transport=ws|wss handshakes=.. handshakes_per_s=..
 * p50_us=.. p99_us=.. max_us=.. errors=..} with the server's CPU per handshake when
 * {@code --server-pid} is given; exits 1 if any error was seen, 2 on bad options.
 */
public final class HandshakeLoad implements ClientConnection.Events {

    static final Set<String> OPTIONS = Set.of("server", "host", "port", "path", "concurrency", "warmup", "duration",
            "server-pid", "tls", "tls-password");
    static final String USAGE = "options: --concurrency 8 (handshakes in progress at once) --warmup 3 --duration 5"
            + " --host 127.0.0.1 --port 8080 --path /echo --server NAME --server-pid PID (the server's CPU per handshake)"
            + " --tls KEYSTORE (wss://, trusting its certificate) --tls-password " + BenchTls.PASSWORD;

    private enum Phase { WARMUP, MEASURING, DRAINING }

    private final String server;
    private final InetSocketAddress address;
    private final String path;
    private final int concurrency;
    private final double warmupSeconds;
    private final double durationSeconds;
    private final boolean tls;
    private final Transport.Opener transports;
    private final LoadErrors errors = new LoadErrors();
    private final MeasuredWindow measured;
    private final Set<Cycle> live = new HashSet<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private final SecureRandom random = new SecureRandom();

    private Selector selector;
    private Phase phase = Phase.WARMUP;
    private int nextId;
    private int toStart;
    private long total;

    HandshakeLoad(DriverArgs args) {
        this.server = args.string("server", "unknown");
        this.address = new InetSocketAddress(args.string("host", "127.0.0.1"), args.integer("port", 8080, 1, 65535));
        if (address.isUnresolved() || !address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("--host must be a loopback address; this driver is for loopback only");
        }
        this.path = args.string("path", EchoEndpoint.PATH);
        this.concurrency = args.integer("concurrency", 8, 1, 1000);
        this.warmupSeconds = args.seconds("warmup", 3, 0);
        this.durationSeconds = args.seconds("duration", 5, 0.001);
        this.measured = new MeasuredWindow(args.integer("server-pid", 0, 0, Integer.MAX_VALUE));
        String keystore = args.string("tls", "");
        this.tls = !keystore.isEmpty();
        this.transports = tls ? TlsTransport.opener(keystore, args.string("tls-password", BenchTls.PASSWORD)) : Transport.PLAIN;
    }

    public static void main(String[] args) throws IOException {
        HandshakeLoad load = BadOptionExit.createOrExit("HandshakeLoad", USAGE,
                () -> new HandshakeLoad(new DriverArgs(args, OPTIONS)));
        load.run();
        System.out.println(load.resultLine());
        System.out.flush();
        System.err.print(load.report());
        System.exit(load.errors.count() > 0 ? 1 : 0);
    }

    void run() throws IOException {
        selector = Selector.open();
        long now = System.nanoTime();
        long phaseEnd = now + SelectorLoad.nanos(warmupSeconds);
        try {
            toStart = concurrency;
            while (true) {
                // those that fail at once are started again on the next turn, not in this loop
                for (int i = 0, n = toStart; i < n; i++) {
                    toStart--;
                    startOne();
                }
                now = System.nanoTime();
                if (phase == Phase.WARMUP && now >= phaseEnd) {
                    phase = Phase.MEASURING;
                    measured.begin(now);
                    phaseEnd = now + SelectorLoad.nanos(durationSeconds);
                } else if (phase == Phase.MEASURING && now >= phaseEnd) {
                    phase = Phase.DRAINING;
                    measured.end(now);
                    phaseEnd = now + SelectorLoad.CLOSE_TIMEOUT_NS;
                } else if (phase == Phase.DRAINING && (live.isEmpty() || now >= phaseEnd)) {
                    break;
                }
                long waitMs = toStart > 0 ? 1 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(phaseEnd - now));
                selector.select(key -> ((ClientConnection) key.attachment()).onSelected(key, readBuffer), waitMs);
            }
            if (!live.isEmpty()) {
                errors.add(live.size() + " connections not closed " + TimeUnit.NANOSECONDS.toSeconds(SelectorLoad.CLOSE_TIMEOUT_NS)
                        + " s after the measurement ended", live.size());
            }
        } finally {
            for (Cycle c : live) {
                c.closeChannel();
            }
            selector.close();
        }
    }

    /** A new connection takes a free place, unless the measurement is over. */
    private void startOne() {
        if (phase == Phase.DRAINING) {
            return;
        }
        Cycle c = new Cycle(nextId++);
        live.add(c);
        c.connect(selector, address, 0, transports);
    }

    /** A place is free: its successor starts on the loop's next turn, outside the selector's callbacks. */
    private void ended(Cycle c) {
        live.remove(c);
        toStart++;
    }

    @Override
    public void opened() {
        // counted by the connection, which knows when it started
    }

    @Override
    public void failed(ClientConnection.State was, String reason) {
        errors.add(reason, 1);
    }

    @Override
    public void closed() {
    }

    String resultLine() {
        return String.format(Locale.ROOT,
                "RESULT server=%s scenario=handshake transport=%s concurrency=%d duration_s=%.1f handshakes=%d"
                        + " handshakes_per_s=%.1f p50_us=%.1f p99_us=%.1f max_us=%.1f errors=%d",
                server, tls ? "wss" : "ws", concurrency, measured.seconds(), measured.count(), measured.perSecond(),
                measured.micros(50), measured.micros(99), measured.maxMicros(), errors.count())
                + measured.serverCpuFields("handshake");
    }

    String report() {
        return String.format(Locale.ROOT, "handshake load on %s: %s://%s:%d%s, %d at a time%n"
                        + "  measured   %.1f s, %d handshakes: %.1f/s (%d in all)%n"
                        + "  connect to 101 p50 %.1f us, p99 %.1f us%n  errors     %d%n",
                server, tls ? "wss" : "ws", address.getHostString(), address.getPort(), path, concurrency,
                measured.seconds(), measured.count(), measured.perSecond(), total, measured.micros(50), measured.micros(99),
                errors.count());
    }

    /** One connection's life: connect, handshakes, close. */
    private final class Cycle extends ClientConnection {

        private final long started = System.nanoTime();

        Cycle(int id) {
            super(id, HandshakeLoad.this, address.getHostString(), address.getPort(), path, random, 0);
        }

        @Override
        void opened() {
            total++;
            if (phase == Phase.MEASURING) {
                measured.record(System.nanoTime() - started);
            }
            sendClose();
        }

        @Override
        void failed() {
            ended(this);
        }

        @Override
        void closedNormally() {
            ended(this);
        }

        @Override
        void messageStart(int opcode) throws ProtocolException {
            throw new ProtocolException("a data message on a connection that only said hello and goodbye");
        }

        @Override
        void messagePayload(ByteBuffer chunk) {
        }

        @Override
        void messageEnd() {
        }
    }
}
