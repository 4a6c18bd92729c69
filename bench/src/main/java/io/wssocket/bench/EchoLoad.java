package io.wssocket.bench;

import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The echo scenario's load driver: C WebSocket connections, each keeping W messages of S bytes in
 * flight and sending the next as soon as an echo returns (a closed loop), for a warmup and then a
 * measured duration. Every echo is checked byte for byte and in order; its round-trip time goes
 * into a histogram.
 *
 * <p>The driver must cost the server as little CPU as possible, so it is one thread on one
 * selector ({@link SelectorLoad}): the handshake is done by hand, each message is its
 * connection's payload with the message's sequence bytes written in, masked with a fresh random
 * key as a browser masks (eight bytes at a time), the frames a read made room for go out in one
 * write, and incoming payload is compared where it lies in the read buffer.
 *
 * <p>Prints one {@code RESULT key=value ...} line on stdout and a readable report on stderr; exits
 * with 1 if any error was seen, 2 on bad options.
 */
public final class EchoLoad extends SelectorLoad<EchoLoad.EchoConnection> {

    private static final long DRAIN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);

    private enum Phase { CONNECTING, WARMUP, MEASURING, DRAINING, CLOSING }

    private final LoadOptions options;
    private final EchoPayload payload;
    private final MeasuredWindow measured;

    private Phase phase = Phase.CONNECTING;
    private long phaseEnd;
    private long inFlightTotal;
    private long warmupStart;
    private long warmupMessages;

    EchoLoad(LoadOptions options) {
        // all connections at once unless told otherwise: the echo scenario is not about the ramp
        super(options.host, options.port, options.path, options.concurrency > 0 ? options.concurrency : options.connections,
                options.connectTimeoutSeconds);
        this.options = options;
        this.measured = new MeasuredWindow(options.serverPid);
        this.payload = options.json ? EchoPayload.json(options.size) : new EchoPayload(options.size, !options.binary);
        if (options.tls != null) {
            transports = TlsTransport.opener(options.tls, options.tlsPassword);
        }
    }

    public static void main(String[] args) throws IOException {
        runMain("EchoLoad", LoadOptions.USAGE, () -> new EchoLoad(LoadOptions.parse(args)));
    }

    @Override
    int connectionCount() {
        return options.connections;
    }

    @Override
    EchoConnection newConnection(int id, SecureRandom random) {
        return new EchoConnection(id, random);
    }

    @Override
    long tick(long now) throws IOException {
        switch (phase) {
            case CONNECTING -> {
                if (!rampDone()) {
                    return now + TimeUnit.MILLISECONDS.toNanos(100);
                }
                if (live == 0) {
                    stop();
                    return now;
                }
                startWarmup(now);
            }
            case WARMUP -> {
                if (now >= phaseEnd) {
                    measured.begin(now);
                    phase = Phase.MEASURING;
                    phaseEnd = now + nanos(options.durationSeconds);
                }
            }
            case MEASURING -> {
                if (now >= phaseEnd) {
                    measured.end(now);
                    phase = Phase.DRAINING;
                    phaseEnd = now + DRAIN_TIMEOUT_NS;
                }
            }
            case DRAINING -> {
                if (inFlightTotal == 0) {
                    phase = Phase.CLOSING;
                    closeAll(now);
                } else if (now >= phaseEnd) {
                    errors.add(inFlightTotal + " messages still not echoed " + TimeUnit.NANOSECONDS.toSeconds(DRAIN_TIMEOUT_NS)
                            + " s after the measurement ended", inFlightTotal);
                    phase = Phase.CLOSING;
                    closeAll(now);
                }
            }
            case CLOSING -> {
            }
        }
        return phaseEnd;
    }

    private void startWarmup(long now) throws IOException {
        warmupStart = now;
        phase = Phase.WARMUP;
        phaseEnd = now + nanos(options.warmupSeconds);
        for (EchoConnection c : connections) {
            if (c.state() == ClientConnection.State.OPEN) {
                c.topUp();
                c.flush();
            }
        }
    }

    @Override
    String resultLine() {
        return String.format(Locale.ROOT,
                "RESULT server=%s scenario=echo transport=%s mode=%s conns=%d size=%d window=%d duration_s=%.1f msgs_per_s=%.1f"
                        + " p50_us=%.1f p99_us=%.1f p999_us=%.1f max_us=%.1f errors=%d",
                options.server, options.scheme(), options.mode(), options.connections, options.size, options.window,
                measured.seconds(), measured.perSecond(),
                measured.micros(50), measured.micros(99), measured.micros(99.9), measured.maxMicros(),
                errors.count()) + (options.deflate ? " " + DeflateTally.of(connections).resultFields() : "")
                + measured.serverCpuFields("msg");
    }

    @Override
    String report() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "echo load on %s: %s://%s:%d%s, %d connections, %d-byte %s messages, window %d%n",
                options.server, options.scheme(), options.host, options.port, options.path, options.connections, options.size,
                options.mode(), options.window));
        b.append(String.format(Locale.ROOT, "  connected  %d of %d in %.0f ms%n", opened, options.connections,
                rampSeconds() * 1000));
        if (measured.begun()) {
            double warmup = (measured.start() - warmupStart) / 1e9;
            b.append(String.format(Locale.ROOT, "  warmup     %.1f s, %d messages (%.0f msgs/s)%n",
                    warmup, warmupMessages, warmup > 0 ? warmupMessages / warmup : 0));
            b.append(String.format(Locale.ROOT, "  measured   %.1f s, %d messages: %.1f msgs/s%n",
                    measured.seconds(), measured.count(), measured.perSecond()));
            b.append(String.format(Locale.ROOT,
                    "  round trip p50 %.1f us, p90 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us, mean %.1f us%n",
                    measured.micros(50), measured.micros(90), measured.micros(99), measured.micros(99.9), measured.maxMicros(),
                    measured.meanMicros()));
        } else {
            b.append("  no measurement: no connection was open\n");
        }
        if (options.deflate) {
            b.append("  deflate    ").append(DeflateTally.of(connections).resultFields()).append('\n');
        }
        b.append("  errors     ").append(errors.count()).append('\n');
        return b.toString();
    }

    /** One connection and its messages in flight. */
    final class EchoConnection extends ClientConnection {

        /** The payload sent, unmasked: the template with the message's sequence bytes written in. */
        private final byte[] plain;
        /** Draws each message's masking key. */
        private final SplittableRandom keys;
        private final byte[] frameKey = new byte[4];
        /** The payload the echo must equal; the sequence bytes are rewritten per message. */
        private final byte[] expected;
        private final int expectedOpcode;
        private final long[] sendTimes;
        /** The payload of the message being sent, when each message is built whole (JSON, or compressed). */
        private final byte[] sendPayload;
        /** Compresses what this connection sends once the server agreed to permessage-deflate; else null. */
        private PayloadDeflater deflater;

        private long sendSequence;
        private long receiveSequence;
        private int inFlight;

        private int messageOffset;

        EchoConnection(int id, SecureRandom random) {
            // a compressed payload may be a little larger than the original (DEFLATE's stored blocks)
            super(id, EchoLoad.this, options.host, options.port, options.path, random,
                    options.window * (FrameEncoder.headerLength(options.size, true) + options.size
                            + (options.deflate ? options.size / 8 + 64 : 0)), options.deflate);
            this.expected = payload.isJson() ? new byte[options.size] : payload.template(id);
            this.sendPayload = new byte[options.size];
            this.expectedOpcode = payload.text ? Opcode.TEXT : Opcode.BINARY;
            this.plain = expected.clone();
            this.keys = new SplittableRandom(random.nextLong());
            this.sendTimes = new long[options.window];
        }

        @Override
        void opened() {
            DeflateTerms terms = deflateTerms();
            if (terms != null) {
                // RFC 7692 §7.1.1.2: client_no_context_takeover obliges us to start every message afresh
                deflater = new PayloadDeflater(options.deflateLevel, !terms.clientNoContextTakeover());
            }
        }

        @Override
        void failed() {
            if (deflater != null) {
                deflater.close();
                deflater = null;
            }
            // messages in flight on a failed connection are not counted again as unanswered
            inFlightTotal -= inFlight;
            inFlight = 0;
        }

        /**
         * Fills the window while the load phases last; the frames go out with the next flush (the
         * one that ends the read that made room for them, or the caller's).
         */
        void topUp() {
            if (inFlight == options.window || state() != State.OPEN
                    || (phase != Phase.WARMUP && phase != Phase.MEASURING)) {
                return;
            }
            long now = System.nanoTime();
            int window = options.window;
            while (inFlight < window) {
                if (deflater != null || payload.isJson()) {
                    putWholeMessage();
                } else {
                    payload.writeSequence(sendSequence, plain, 0);
                    FrameEncoder.nextMaskKey(keys, frameKey);
                    FrameEncoder.writeMaskedFrame(out, false, expectedOpcode, plain, plain.length, frameKey);
                }
                sendTimes[(int) (sendSequence % window)] = now;
                sendSequence++;
                inFlight++;
                inFlightTotal++;
            }
        }

        /** Builds message {@code sendSequence} whole, compresses it if agreed, and appends it as one masked frame. */
        private void putWholeMessage() {
            payload.fill(sendSequence, id, sendPayload, 0);
            byte[] body = sendPayload;
            int length = sendPayload.length;
            if (deflater != null) {
                deflater.deflate(sendPayload, 0, sendPayload.length);
                body = deflater.output();
                length = deflater.length();
            }
            FrameEncoder.nextMaskKey(keys, frameKey);
            FrameEncoder.writeMaskedFrame(out, deflater != null, expectedOpcode, body, length, frameKey);
        }

        @Override
        void messageStart(int opcode) throws ProtocolException {
            if (opcode != expectedOpcode) {
                throw new ProtocolException("echo of message " + receiveSequence + " came back with opcode " + opcode
                        + ", sent " + expectedOpcode);
            }
            if (inFlight == 0) {
                throw new ProtocolException("a message arrived with none in flight");
            }
            messageOffset = 0;
            if (payload.isJson()) {
                payload.fill(receiveSequence, id, expected, 0);
            } else {
                payload.writeSequence(receiveSequence, expected, 0);
            }
        }

        @Override
        void messagePayload(ByteBuffer chunk) throws ProtocolException {
            int n = chunk.remaining();
            if (messageOffset + n > expected.length) {
                throw new ProtocolException("echo of message " + receiveSequence + " is longer than the "
                        + expected.length + " bytes sent");
            }
            int at = chunk.mismatch(ByteBuffer.wrap(expected, messageOffset, n));
            if (at >= 0) {
                int offset = messageOffset + at;
                throw new ProtocolException(String.format(Locale.ROOT,
                        "echo of message %d differs at byte %d: expected 0x%02x, got 0x%02x",
                        receiveSequence, offset, expected[offset], chunk.get(chunk.position() + at)));
            }
            messageOffset += n;
        }

        @Override
        void messageEnd() throws ProtocolException {
            if (messageOffset != expected.length) {
                throw new ProtocolException("echo of message " + receiveSequence + " has " + messageOffset
                        + " bytes, sent " + expected.length);
            }
            if (phase == Phase.MEASURING) {
                measured.record(lastReadNanos() - sendTimes[(int) (receiveSequence % options.window)]);
            } else if (phase == Phase.WARMUP) {
                warmupMessages++;
            }
            receiveSequence++;
            inFlight--;
            inFlightTotal--;
            topUp();
        }
    }
}
