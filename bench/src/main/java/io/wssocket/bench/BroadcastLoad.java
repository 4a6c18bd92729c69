package io.wssocket.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The broadcast and slow-consumer scenarios' driver. Opens R connections to {@code /broadcast};
 * connection 0 also sends, at a fixed rate of M text messages per second, each carrying its
 * sequence number and send time. The server sends each to all R connections (the sender
 * included). The last K connections are slow consumers: opened with a tiny receive buffer, they
 * never read after the handshake, so the server's writes to them stall.
 *
 * <p>With {@code --ports} the connections are spread over several servers (the nodes of a
 * cluster), connection i to the (i mod N)-th port: the sender to the first, the receivers evenly
 * over all of them; {@code --path /cluster-broadcast} then has each message reach them through
 * the cluster ({@link ClusterBroadcastEndpoint}).
 *
 * <p>Every other (fast) receiver checks each message byte for byte and its sequence number in
 * order; a gap counts as lost messages, a message received again (or after a later one) as a
 * duplicate, as does every message not received within the drain
 * timeout after the sending stops (of those sent from the end of the warmup on: see
 * {@link #countedLoss}). Fan-out latency (send to receipt, both in this process) of the
 * messages sent during the measured time goes into a histogram. With {@code --hold 1} the driver
 * prints {@code HOLDING} after the drain and keeps all connections until stdin says
 * {@code release}, so that the runner can measure the server's memory.
 *
 * <p>Prints {@code RESULT scenario=broadcast ...}; exits 1 if any error (lost messages included)
 * was seen, 2 on bad options.
 */
public final class BroadcastLoad extends SelectorLoad<BroadcastLoad.Receiver> {

    static final Set<String> OPTIONS = Set.of("server", "host", "port", "path", "concurrency", "receivers",
            "rate", "size", "slow", "slow-receive-buffer", "warmup", "duration", "drain-timeout", "hold",
            "hold-timeout", "connect-timeout", "ports");
    static final String USAGE = "options: --receivers 1000 --rate 10 --size 64 --slow 0 --slow-receive-buffer 4096"
            + " --warmup 3 --duration 5 --drain-timeout 5 --hold 0 --hold-timeout 300 --concurrency 100 --connect-timeout 60"
            + " --host 127.0.0.1 --port 8080 | --ports 8081,8082,8083 --path /broadcast --server NAME";
    private static final long HIGHEST_LATENCY_NS = TimeUnit.SECONDS.toNanos(60);
    private static final long TICK_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private enum Phase { CONNECTING, WARMUP, MEASURING, DRAINING, HOLDING }

    private final String server;
    /** The servers' addresses; connection i connects to the (i mod N)-th. */
    private final List<InetSocketAddress> nodes;
    private final int receivers;
    private final int slow;
    private final int slowReceiveBuffer;
    private final double rate;
    private final int size;
    private final long warmupNs;
    private final long durationNs;
    private final long drainTimeoutNs;
    private final boolean holdAfter;
    private final long holdTimeoutNs;
    private final byte[] template;
    private final Histogram latency = new Histogram(1, HIGHEST_LATENCY_NS, 3);

    private Phase phase = Phase.CONNECTING;
    private long phaseEnd;
    private long sendStart;
    private long sent;
    private long firstMeasured = Long.MAX_VALUE;
    private long endMeasured = Long.MAX_VALUE;
    private long measuredDeliveries;
    /** When the first measured message was due, and when the last of the measured deliveries arrived. */
    private long measureStartNs;
    private long lastMeasuredReceiptNs;
    private long lost;
    private long duplicates;
    private final ByteBuffer sendBuffer;

    BroadcastLoad(DriverArgs args) {
        super(args, BroadcastEndpoint.PATH);
        this.server = args.string("server", "unknown");
        this.nodes = args.ports("ports", port).stream().map(p -> new InetSocketAddress(host, p)).toList();
        this.receivers = args.integer("receivers", 1000, 1, 1_000_000);
        this.slow = args.integer("slow", 0, 0, receivers - 1);
        this.slowReceiveBuffer = args.integer("slow-receive-buffer", 4096, 1, 1 << 20);
        this.rate = args.seconds("rate", 10, 0.001);
        this.size = args.integer("size", 64, BroadcastPayload.HEAD, 1 << 20);
        this.warmupNs = nanos(args.seconds("warmup", 3, 0));
        this.durationNs = nanos(args.seconds("duration", 5, 0.001));
        this.drainTimeoutNs = nanos(args.seconds("drain-timeout", 5, 0));
        this.holdAfter = args.integer("hold", 0, 0, 1) == 1;
        this.holdTimeoutNs = nanos(args.seconds("hold-timeout", 300, 0));
        this.template = BroadcastPayload.template(size);
        this.sendBuffer = ByteBuffer.wrap(template.clone());
    }

    public static void main(String[] args) throws IOException {
        runMain("BroadcastLoad", USAGE, () -> new BroadcastLoad(new DriverArgs(args, OPTIONS)));
    }

    @Override
    boolean holds() {
        return holdAfter;
    }

    @Override
    int connectionCount() {
        return receivers;
    }

    @Override
    Receiver newConnection(int id, SecureRandom random) {
        return new Receiver(id, random, id >= receivers - slow);
    }

    @Override
    InetSocketAddress address(Receiver r) {
        return r.node;
    }

    /** The node connection {@code id} connects to, of {@code nodes}: the sender (0) to the first, the rest round-robin. */
    static int nodeOf(int id, int nodes) {
        return id % nodes;
    }

    @Override
    int receiveBuffer(Receiver r) {
        return r.slow ? slowReceiveBuffer : 0;
    }

    @Override
    long tick(long now) throws IOException {
        Receiver sender = connections.get(0);
        switch (phase) {
            case CONNECTING -> {
                if (!rampDone()) {
                    return now + TICK_NS;
                }
                if (sender.state() != ClientConnection.State.OPEN) {
                    errors.add("the sender's connection did not open; nothing to measure", 1);
                    closeAll(now);
                    return now;
                }
                phase = Phase.WARMUP;
                sendStart = now;
                phaseEnd = now + warmupNs;
            }
            case WARMUP -> {
                if (now >= phaseEnd) {
                    phase = Phase.MEASURING;
                    firstMeasured = sent;
                    measureStartNs = sendStart + (long) (sent * 1e9 / rate);
                    phaseEnd = now + durationNs;
                }
            }
            case MEASURING -> {
                if (now >= phaseEnd) {
                    endMeasured = sent;
                    phase = Phase.DRAINING;
                    phaseEnd = now + drainTimeoutNs;
                }
            }
            case DRAINING -> {
                if (allFastReceiversCaughtUp() || now >= phaseEnd) {
                    countUnreceived();
                    if (!holdAfter) {
                        closeAll(now);
                        return now;
                    }
                    phase = Phase.HOLDING;
                    phaseEnd = now + holdTimeoutNs;
                    HoldSignal.announce();
                }
                return Math.min(phaseEnd, now + TimeUnit.MILLISECONDS.toNanos(10));
            }
            case HOLDING -> {
                if (hold.released() || now >= phaseEnd) {
                    closeAll(now);
                }
                return now + TICK_NS;
            }
        }
        return sendDue(sender, now);
    }

    /** Sends every message whose time has come (a fixed schedule from the start); returns the next one's time. */
    private long sendDue(Receiver sender, long now) throws IOException {
        double periodNs = 1e9 / rate;
        long next = sendStart + (long) (sent * periodNs);
        while (next <= now && sender.state() == ClientConnection.State.OPEN) {
            BroadcastPayload.writeHead(sendBuffer.array(), sent, System.nanoTime());
            sendBuffer.clear();
            try {
                sender.sendData(Opcode.TEXT, sendBuffer);
            } catch (IOException e) {
                sender.fail("send failed: " + e.getMessage());
                break;
            }
            sent++;
            next = sendStart + (long) (sent * periodNs);
        }
        return Math.min(next, phaseEnd);
    }

    private boolean allFastReceiversCaughtUp() {
        for (Receiver r : connections) {
            if (!r.slow && r.state() == ClientConnection.State.OPEN && r.order.next() < sent) {
                return false;
            }
        }
        return true;
    }

    private void countUnreceived() {
        long missing = 0;
        for (Receiver r : connections) {
            if (!r.slow && r.state() == ClientConnection.State.OPEN) {
                missing += countedLoss(r.order.next(), sent);
            }
        }
        if (missing > 0) {
            lost += missing;
            errors.add(missing + " deliveries to fast receivers still missing "
                    + TimeUnit.NANOSECONDS.toSeconds(drainTimeoutNs) + " s after the last send", missing);
        }
    }

    /**
     * How many of the messages {@code from} (inclusive) to {@code to} (exclusive) count as lost:
     * those sent from the measurement on. A message sent during the warmup may go out before the
     * server has registered every receiver's session (a container can answer the handshake before
     * {@code onOpen} has run); the warmup is there to let that settle.
     */
    private long countedLoss(long from, long to) {
        return Math.max(0, to - Math.max(from, firstMeasured));
    }

    private double micros(double percentile) {
        return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile) / 1000.0;
    }

    @Override
    String resultLine() {
        long measuredSent = endMeasured == Long.MAX_VALUE || firstMeasured == Long.MAX_VALUE ? 0 : endMeasured - firstMeasured;
        // Over the time the measured messages were sent in (their count over the rate), not the
        // measured wall time: that holds one message more or less than the schedule put in it.
        double seconds = measuredSent / rate;
        // Over the time from the first measured send to the last measured receipt (at least the
        // sending time): what the receivers got per second, below the offered rate when the server
        // falls behind and catches up only after the sending stopped.
        double receiving = Math.max(seconds, (lastMeasuredReceiptNs - measureStartNs) / 1e9);
        return String.format(Locale.ROOT,
                "RESULT server=%s scenario=%s nodes=%d receivers=%d slow=%d rate=%s size=%d duration_s=%.1f sent=%d"
                        + " expected=%d delivered=%d deliveries_per_s=%.1f received_per_s=%.1f p50_us=%.1f p99_us=%.1f"
                        + " max_us=%.1f lost=%d duplicates=%d errors=%d",
                server, slow > 0 ? "slow" : "broadcast", nodes.size(), receivers, slow, formatRate(rate), size, seconds,
                measuredSent, measuredSent * (receivers - slow), measuredDeliveries,
                seconds > 0 ? measuredDeliveries / seconds : 0, measuredDeliveries > 0 ? measuredDeliveries / receiving : 0,
                micros(50), micros(99),
                latency.getTotalCount() == 0 ? 0 : latency.getMaxValue() / 1000.0, lost, duplicates, errors.count());
    }

    private static String formatRate(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }

    /** One receiving connection; connection 0 is also the sender. */
    final class Receiver extends ClientConnection {

        final boolean slow;
        final InetSocketAddress node;
        private final byte[] head = new byte[BroadcastPayload.HEAD];
        private final DeliverySequence order = new DeliverySequence();
        private int messageOffset;

        Receiver(int id, SecureRandom random, boolean slow) {
            this(id, random, slow, nodes.get(nodeOf(id, nodes.size())));
        }

        private Receiver(int id, SecureRandom random, boolean slow, InetSocketAddress node) {
            super(id, BroadcastLoad.this, host, node.getPort(), path, random, id == 0 ? 16 * (size + 14) : 0);
            this.slow = slow;
            this.node = node;
        }

        @Override
        void opened() {
            if (slow) {
                stopReading();
            }
        }

        @Override
        void messageStart(int opcode) throws ProtocolException {
            if (opcode != Opcode.TEXT) {
                throw new ProtocolException("broadcast message with opcode " + opcode + ", sent as text");
            }
            messageOffset = 0;
        }

        @Override
        void messagePayload(ByteBuffer chunk) throws ProtocolException {
            int n = chunk.remaining();
            if (messageOffset + n > size) {
                throw new ProtocolException("broadcast message longer than the " + size + " bytes sent");
            }
            int inHead = Math.max(0, Math.min(n, BroadcastPayload.HEAD - messageOffset));
            chunk.get(chunk.position(), head, messageOffset, inHead);
            if (n > inHead) {
                int at = chunk.slice(chunk.position() + inHead, n - inHead)
                        .mismatch(ByteBuffer.wrap(template, messageOffset + inHead, n - inHead));
                if (at >= 0) {
                    throw new ProtocolException("broadcast message after " + (order.next() - 1) + " differs at byte "
                            + (messageOffset + inHead + at));
                }
            }
            messageOffset += n;
        }

        @Override
        void messageEnd() throws ProtocolException {
            if (messageOffset != size) {
                throw new ProtocolException("broadcast message has " + messageOffset + " bytes, sent " + size);
            }
            long received = lastReadNanos();
            long sequence = BroadcastPayload.sequence(head);
            if (sequence < 0 || sequence >= sent) {
                throw new ProtocolException("broadcast message with a sequence number never sent");
            }
            long expected = order.next();
            if (order.accept(sequence) == DeliverySequence.REPEAT) {
                // counted, not fatal: a cluster that repeats a message should show how often
                duplicates++;
                errors.add("connection " + id + ": message " + sequence + " again or out of order, after "
                        + (expected - 1), 1);
                return;
            }
            long missed = slow ? 0 : countedLoss(expected, sequence);
            if (missed > 0) {
                lost += missed;
                errors.add("connection " + id + ": messages " + expected + " to " + (sequence - 1) + " never arrived",
                        missed);
            }
            if (!slow && sequence >= firstMeasured && sequence < endMeasured) {
                long ns = received - BroadcastPayload.sentNanos(head);
                latency.recordValue(Math.min(Math.max(ns, 1), HIGHEST_LATENCY_NS));
                measuredDeliveries++;
                lastMeasuredReceiptNs = Math.max(lastMeasuredReceiptNs, received);
            }
        }
    }
}
