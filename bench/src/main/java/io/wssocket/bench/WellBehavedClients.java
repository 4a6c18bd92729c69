package io.wssocket.bench;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * The well-behaved side of the hostile and soak runs: clients from the good loopback address whose
 * experience is what those runs measure. What goes wrong for them (a failed connect, a lost or late
 * echo, a disconnect) counts only while {@code counting} holds and the run is not stopping, so
 * that neither the warm-up of an attack nor the driver's own teardown is reported as a failure.
 */
final class WellBehavedClients {

    /** An echo slower than this is late: still delivered, but not what a user would call working. */
    static final long LATE_NS = TimeUnit.SECONDS.toNanos(1);

    final AtomicLong failedConnects = new AtomicLong();
    final AtomicLong lost = new AtomicLong();
    final AtomicLong late = new AtomicLong();
    final AtomicLong disconnects = new AtomicLong();

    private final String goodHost;
    private final String host;
    private final int port;
    private final int timeoutMs;
    private final Queue<BlockingClient> open;
    private final BooleanSupplier counting;
    private final BooleanSupplier stopping;
    private final Consumer<String> errors;

    /**
     * @param open every connection the driver holds, so that its teardown can close them all
     * @param errors where a failure is described (the driver limits how many it prints)
     * @throws IllegalArgumentException if either address is not a loopback one
     */
    WellBehavedClients(String goodHost, String host, int port, int timeoutMs, Queue<BlockingClient> open,
            BooleanSupplier counting, BooleanSupplier stopping, Consumer<String> errors) {
        // the good side comes from another loopback address than the attackers: an attack by one
        // address should not be an attack on all
        for (String h : new String[] {host, goodHost}) {
            if (!h.startsWith("127.")) {
                throw new IllegalArgumentException("--host and --good-host must be loopback addresses (127.x.y.z), got " + h);
            }
        }
        this.goodHost = goodHost;
        this.host = host;
        this.port = port;
        this.timeoutMs = timeoutMs;
        this.open = open;
        this.counting = counting;
        this.stopping = stopping;
        this.errors = errors;
    }

    /** A connection from the good address, held until the end; null (and counted) if it failed. */
    BlockingClient connect(String path, String who) {
        try {
            BlockingClient c = BlockingClient.open(goodHost, host, port, path, null, 0, timeoutMs);
            open.add(c);
            return c;
        } catch (IOException e) {
            if (counts()) {
                failedConnects.incrementAndGet();
                errors.accept(who + ": connect failed: " + e);
            }
            return null;
        }
    }

    /**
     * One echo client until the run stops: sends a text of {@code size} bytes numbered by sequence
     * and {@code id} every {@code intervalMs}, waits for its echo and compares it; after a timeout,
     * a wrong echo or a disconnect it connects again ({@code retryMs} after a failed connect).
     *
     * @param echoed told each counted echo's round trip in nanoseconds
     */
    void echo(int id, String who, int size, char fill, long intervalMs, long retryMs, LongConsumer echoed) {
        byte[] payload = new byte[size];
        long seq = 0;
        while (!stopping.getAsBoolean()) {
            BlockingClient c = connect(EchoEndpoint.PATH, who);
            if (c == null) {
                Pacing.sleepMs(retryMs);
                continue;
            }
            try {
                long next = System.nanoTime();
                while (!stopping.getAsBoolean()) {
                    Arrays.fill(payload, (byte) fill);
                    HexDigits.write(seq++, payload, 0, 16);
                    HexDigits.write(id, payload, 16, 8);
                    // a message sent while counting counts even if counting ends before its echo
                    boolean counted = counting.getAsBoolean();
                    long t0 = System.nanoTime();
                    c.sendText(payload);
                    byte[] echo;
                    try {
                        echo = c.readMessage();
                    } catch (SocketTimeoutException e) {
                        if (counted && !stopping.getAsBoolean()) {
                            lost.incrementAndGet();
                            errors.accept(who + ": no echo within " + timeoutMs + " ms");
                        }
                        break; // the stream may be mid-frame: start afresh
                    }
                    long rtt = System.nanoTime() - t0;
                    if (!Arrays.equals(echo, payload)) {
                        if (counted) {
                            lost.incrementAndGet();
                            errors.accept(who + ": echo differs from what was sent");
                        }
                        break;
                    }
                    if (counted && counting.getAsBoolean()) {
                        echoed.accept(rtt);
                        if (rtt > LATE_NS) {
                            late.incrementAndGet();
                        }
                    }
                    next += TimeUnit.MILLISECONDS.toNanos(intervalMs);
                    Pacing.sleepUntil(next);
                }
            } catch (IOException e) {
                if (counts()) {
                    disconnects.incrementAndGet();
                    errors.accept(who + ": disconnected: " + e);
                }
            } finally {
                open.remove(c);
                c.close();
            }
        }
    }

    private boolean counts() {
        return counting.getAsBoolean() && !stopping.getAsBoolean();
    }

    /**
     * A reader of {@code /broadcast} that runs until the run stops: reads everything, checks each
     * message's size and sequence, and counts a gap as lost; after a disconnect it connects again
     * ({@code retryMs} after a failed connect) and has lost what was published meanwhile.
     *
     * @param delivered told each delivered message's delay since it was sent, in nanoseconds
     */
    BroadcastReader reader(int id, int size, long retryMs, LongConsumer delivered) {
        return new BroadcastReader(id, size, retryMs, delivered);
    }

    /** After the last send: up to 5 s for the readers to catch up, then what is missing is lost. */
    void awaitCatchUp(List<BroadcastReader> readers, LongSupplier published) {
        // read afresh each time: a send already under way when publishing stopped still counts
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && readers.stream().anyMatch(r -> r.next < published.getAsLong())) {
            Pacing.sleepMs(20);
        }
        for (BroadcastReader r : readers) {
            long missing = published.getAsLong() - r.next;
            if (missing > 0) {
                lost.addAndGet(missing);
                errors.accept("reader " + r.id + ": " + missing + " messages not received 5 s after the last send");
            }
        }
    }

    final class BroadcastReader {
        private final int id;
        private final int size;
        private final long retryMs;
        private final LongConsumer delivered;
        /** The next sequence number expected. */
        private volatile long next;

        private BroadcastReader(int id, int size, long retryMs, LongConsumer delivered) {
            this.id = id;
            this.size = size;
            this.retryMs = retryMs;
            this.delivered = delivered;
        }

        void run() {
            while (!stopping.getAsBoolean()) {
                BlockingClient c = connect(BroadcastEndpoint.PATH, "reader " + id);
                if (c == null) {
                    Pacing.sleepMs(retryMs);
                    continue;
                }
                try {
                    c.setReadTimeout(0); // the end of the run closes the socket
                    while (!stopping.getAsBoolean()) {
                        byte[] m = c.readMessage();
                        long now = System.nanoTime();
                        byte[] head = Arrays.copyOf(m, BroadcastPayload.HEAD);
                        long seq = BroadcastPayload.sequence(head);
                        if (m.length != size || seq < 0) {
                            lost.incrementAndGet();
                            errors.accept("reader " + id + ": malformed broadcast of " + m.length + " bytes");
                            continue;
                        }
                        if (seq < next) {
                            lost.incrementAndGet();
                            errors.accept("reader " + id + ": message " + seq + " again or out of order, after " + (next - 1));
                            continue;
                        }
                        if (seq > next) {
                            lost.addAndGet(seq - next);
                            errors.accept("reader " + id + ": messages " + next + " to " + (seq - 1) + " never arrived");
                        }
                        next = seq + 1;
                        long delay = now - BroadcastPayload.sentNanos(head);
                        delivered.accept(delay);
                        if (delay > LATE_NS) {
                            late.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    if (!stopping.getAsBoolean()) {
                        disconnects.incrementAndGet();
                        errors.accept("reader " + id + ": disconnected: " + e);
                    }
                } finally {
                    open.remove(c);
                    c.close();
                }
            }
        }
    }
}
