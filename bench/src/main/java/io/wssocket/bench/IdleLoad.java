package io.wssocket.bench;

import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The idle scenario's driver: opens C connections to {@code /echo} as fast as the server completes
 * handshakes (at most {@code --concurrency} pending), then keeps them open, pinging each once per
 * {@code --ping-interval}. After {@code --duration} seconds of that it prints {@code HOLDING} and
 * keeps pinging until stdin says {@code release}, so that the suite runner can measure the
 * server's memory with all connections open; then closes them all.
 *
 * <p>With {@code --hold-at H} (below C) it does that twice in one run: it opens H connections,
 * waits {@code --duration}, holds until the first {@code release}, then opens the rest, waits and
 * holds again. The runner's two measurements of one server then differ only by the connections
 * opened in between, so their difference over that count is a cost per connection from which
 * whatever the server spends once (compiled code, pools, memory its allocator keeps) has cancelled.
 *
 * <p>Prints {@code RESULT scenario=idle conns=C opened=N ramp_s=.. handshakes_per_s=.. pings=..
 * pongs=.. errors=..} (and {@code opened_mid=} with {@code --hold-at}: the connections open at the
 * first hold); exits 1 if any error was seen, 2 on bad options.
 */
public final class IdleLoad extends SelectorLoad<IdleLoad.IdleConnection> {

    static final Set<String> OPTIONS = Set.of("server", "host", "port", "path", "connections", "concurrency",
            "ping-interval", "duration", "hold-timeout", "connect-timeout", "deflate", "first-message", "hold-at");
    static final String USAGE = "options: --connections 10000 --concurrency 100 --ping-interval 5 --duration 5"
            + " --hold-timeout 300 --connect-timeout 60 --host 127.0.0.1 --port 8080 --path /echo --server NAME"
            + " --deflate off|on (offer permessage-deflate) --first-message 0 (bytes of one JSON message each"
            + " connection echoes, compressed if agreed, before it goes idle) --hold-at 0 (if below --connections:"
            + " hold first with that many open, then open the rest and hold again)";
    /** The driver's compression level for the first messages. */
    private static final int FIRST_MESSAGE_LEVEL = 6;
    private static final long TICK_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private final String server;
    private final int count;
    private final long pingIntervalNs;
    private final long durationNs;
    private final long holdTimeoutNs;
    /** The connections open at the first of two holds; 0 for one hold with all of them. */
    private final int holdAt;
    private int openedAtFirstHold = -1;

    private long holdStart;
    private boolean holding;
    private long holdDeadline;
    private int pingCursor;
    private double pingCredit;
    private long lastTick;
    private long pings;
    private long pongs;
    private final boolean offerDeflate;
    private final EchoPayload firstMessage;
    private long echoed;

    IdleLoad(DriverArgs args) {
        super(args, EchoEndpoint.PATH);
        this.server = args.string("server", "unknown");
        this.count = args.integer("connections", 10_000, 1, 1_000_000);
        this.pingIntervalNs = nanos(args.seconds("ping-interval", 5, 0.01));
        this.durationNs = nanos(args.seconds("duration", 5, 0));
        this.holdTimeoutNs = nanos(args.seconds("hold-timeout", 300, 0));
        int at = args.integer("hold-at", 0, 0, 1_000_000);
        this.holdAt = at < count ? at : 0;
        String deflate = args.string("deflate", "off");
        if (!deflate.equals("on") && !deflate.equals("off")) {
            throw new IllegalArgumentException("--deflate takes on or off, got " + deflate);
        }
        this.offerDeflate = deflate.equals("on");
        int first = args.integer("first-message", 0, 0, 1 << 20);
        this.firstMessage = first == 0 ? null : EchoPayload.json(first);
    }

    public static void main(String[] args) throws IOException {
        runMain("IdleLoad", USAGE, () -> new IdleLoad(new DriverArgs(args, OPTIONS)));
    }

    /** With {@code --hold-timeout 0} the connections close right after the duration, stdin unread. */
    @Override
    boolean holds() {
        return holdTimeoutNs > 0;
    }

    @Override
    int connectionCount() {
        return count;
    }

    @Override
    int firstStage() {
        return holdAt > 0 ? holdAt : count;
    }

    @Override
    IdleConnection newConnection(int id, SecureRandom random) {
        return new IdleConnection(id, random);
    }

    @Override
    long tick(long now) throws IOException {
        if (!rampDone()) {
            return now + TICK_NS;
        }
        if (live == 0) {
            stop();
            return now;
        }
        boolean firstOfTwo = holdAt > 0 && openedAtFirstHold < 0;
        if (holdStart == 0) {
            holdStart = now;
            lastTick = now;
            System.err.printf(Locale.ROOT, "idle: %d of %d open in %.2f s (%.0f handshakes/s)%n",
                    opened, firstOfTwo ? holdAt : count, rampSeconds(), handshakesPerSecond());
        }
        pingSome(now);
        if (!holding && now - holdStart >= durationNs) {
            holding = true;
            holdDeadline = now + holdTimeoutNs;
            HoldSignal.announce();
        }
        if (holding && (now >= holdDeadline || hold.released(firstOfTwo ? 1 : holdAt > 0 ? 2 : 1))) {
            if (firstOfTwo) {
                openedAtFirstHold = opened;
                holding = false;
                holdStart = 0;
                openUpTo(count);
            } else {
                closeAll(now);
            }
        }
        return now + TICK_NS;
    }

    /** Pings the next connections in turn, as many as keep every one pinged once per interval. */
    private void pingSome(long now) throws IOException {
        pingCredit += (double) (now - lastTick) / pingIntervalNs * connections.size();
        lastTick = now;
        int n = (int) Math.min(pingCredit, connections.size());
        pingCredit -= n;
        for (int i = 0; i < n; i++) {
            IdleConnection c = connections.get(pingCursor);
            pingCursor = (pingCursor + 1) % connections.size();
            if (c.state() == ClientConnection.State.OPEN) {
                c.sendPing();
                pings++;
            }
        }
    }

    private double handshakesPerSecond() {
        double s = rampSeconds();
        return s > 0 ? opened / s : 0;
    }

    @Override
    String resultLine() {
        return String.format(Locale.ROOT,
                "RESULT server=%s scenario=idle conns=%d opened=%d ramp_s=%.3f handshakes_per_s=%.1f pings=%d pongs=%d errors=%d",
                server, count, opened, rampSeconds(), handshakesPerSecond(), pings, pongs, errors.count())
                + (openedAtFirstHold >= 0 ? " opened_mid=" + openedAtFirstHold : "")
                + (firstMessage != null ? " first_message=" + firstMessage.size + " echoed=" + echoed : "")
                + (offerDeflate ? " " + DeflateTally.of(connections).resultFields() : " deflate=off");
    }

    /**
     * A connection that echoes its one first message if asked to, then only answers pings and
     * counts pongs; any other data message is an error.
     */
    final class IdleConnection extends ClientConnection {

        /** The first message's payload while its echo is awaited; null before and after. */
        private byte[] expected;
        private int received;

        IdleConnection(int id, SecureRandom random) {
            super(id, IdleLoad.this, host, port, path, random, firstMessage == null ? 0
                    : FrameEncoder.headerLength(firstMessage.size, true) + firstMessage.size + firstMessage.size / 8 + 64, offerDeflate);
        }

        @Override
        void opened() {
            if (firstMessage == null) {
                return;
            }
            expected = new byte[firstMessage.size];
            firstMessage.fill(0, id, expected, 0);
            DeflateTerms terms = deflateTerms();
            try {
                if (terms == null) {
                    sendData(Opcode.TEXT, ByteBuffer.wrap(expected));
                } else {
                    // a compressor for this one message only: the driver's own memory stays small
                    PayloadDeflater deflater = new PayloadDeflater(FIRST_MESSAGE_LEVEL, false);
                    try {
                        deflater.deflate(expected, 0, expected.length);
                        sendCompressed(Opcode.TEXT, ByteBuffer.wrap(deflater.output(), 0, deflater.length()));
                    } finally {
                        deflater.close();
                    }
                }
            } catch (IOException e) {
                fail("first message not sent: " + e);
            }
        }

        @Override
        void messageStart(int opcode) throws ProtocolException {
            if (expected == null || opcode != Opcode.TEXT) {
                throw new ProtocolException("a data message on an idle connection");
            }
            received = 0;
        }

        @Override
        void messagePayload(ByteBuffer chunk) throws ProtocolException {
            int n = chunk.remaining();
            if (received + n > expected.length || chunk.mismatch(ByteBuffer.wrap(expected, received, n)) >= 0) {
                throw new ProtocolException("the first message's echo differs from what was sent");
            }
            received += n;
        }

        @Override
        void messageEnd() throws ProtocolException {
            if (received != expected.length) {
                throw new ProtocolException("the first message's echo has " + received + " bytes, sent " + expected.length);
            }
            expected = null;
            echoed++;
        }

        @Override
        void pong() {
            pongs++;
        }
    }
}
