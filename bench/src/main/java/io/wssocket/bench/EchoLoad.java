package io.wssocket.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The echo scenario's load driver: C WebSocket connections, each keeping W messages of S bytes in
 * flight and sending the next as soon as an echo returns (a closed loop), for a warmup and then a
 * measured duration. Every echo is checked byte for byte and in order; its round-trip time goes
 * into a histogram.
 *
 * <p>The driver must cost the server as little CPU as possible, so it is one thread on one
 * {@link Selector}: the handshake is done by hand, each connection's masked frame is built once
 * and only its sequence bytes are rewritten per message, the frames a read made room for go out
 * in one write, and incoming payload is compared where it lies in the read buffer.
 *
 * <p>Prints one {@code RESULT key=value ...} line on stdout and a readable report on stderr; exits
 * with 1 if any error was seen, 2 on bad options.
 */
public final class EchoLoad {

    private static final long DRAIN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);
    private static final long CLOSE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(2);
    private static final long HIGHEST_LATENCY_NS = TimeUnit.SECONDS.toNanos(60);
    private static final int MAX_PRINTED_ERRORS = 10;
    private static final byte[] NORMAL_CLOSE = {0x03, (byte) 0xE8}; // 1000, RFC 6455 §7.4.1

    private enum Phase { CONNECTING, WARMUP, MEASURING, DRAINING, CLOSING, DONE }

    private final LoadOptions options;
    private final EchoPayload payload;
    private final Histogram latency = new Histogram(1, HIGHEST_LATENCY_NS, 3);
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private final List<Connection> connections = new ArrayList<>();
    private Selector selector;

    private Phase phase = Phase.CONNECTING;
    private long phaseDeadline;
    private long runStart;
    private long connectedAt;
    private int handshakesDone;
    private int handshakesFailed;
    private int live;
    private long inFlightTotal;
    private long warmupStart;
    private long warmupMessages;
    private long measureStart;
    private long measureEnd;
    private long measuredMessages;
    private long errors;
    private long lastReadTime;

    EchoLoad(LoadOptions options) {
        this.options = options;
        this.payload = new EchoPayload(options.size, !options.binary);
    }

    public static void main(String[] args) throws IOException {
        LoadOptions options;
        InetSocketAddress address;
        try {
            options = LoadOptions.parse(args);
            address = new InetSocketAddress(options.host, options.port);
            if (address.isUnresolved() || !address.getAddress().isLoopbackAddress()) {
                throw new IllegalArgumentException("--host must be a loopback address; this driver is for loopback only");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("EchoLoad: " + e.getMessage());
            System.err.println(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        EchoLoad load = new EchoLoad(options);
        load.run(address);
        System.out.println(load.resultLine());
        System.out.flush();
        System.err.print(load.report());
        System.exit(load.errors > 0 ? 1 : 0);
    }

    void run(InetSocketAddress address) throws IOException {
        selector = Selector.open();
        SecureRandom random = new SecureRandom();
        runStart = System.nanoTime();
        phaseDeadline = runStart + seconds(options.connectTimeoutSeconds);
        for (int i = 0; i < options.connections; i++) {
            String key = ClientHandshake.newKey(random);
            Connection c = new Connection(i, key, maskKey(random),
                    ClientHandshake.request(options.host, options.port, options.path, key));
            connections.add(c);
            try {
                c.connect(address);
            } catch (IOException e) {
                c.fail("connection " + i + ": connect failed: " + e);
            }
        }
        try {
            while (phase != Phase.DONE) {
                long now = System.nanoTime();
                advance(now);
                if (phase == Phase.DONE) {
                    break;
                }
                long waitMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(phaseDeadline - now));
                selector.select(this::onReady, waitMs);
            }
        } finally {
            for (Connection c : connections) {
                c.closeChannel();
            }
            selector.close();
        }
    }

    /** Moves to the next phase when this one's work is done or its time is up. */
    private void advance(long now) {
        switch (phase) {
            case CONNECTING -> {
                if (handshakesDone + handshakesFailed == options.connections) {
                    startWarmup(now);
                } else if (now >= phaseDeadline) {
                    for (Connection c : connections) {
                        if (c.state == State.CONNECTING || c.state == State.HANDSHAKING) {
                            c.fail("connection " + c.id + ": opening handshake not done within "
                                    + options.connectTimeoutSeconds + " s");
                        }
                    }
                    startWarmup(now);
                }
            }
            case WARMUP -> {
                if (now >= phaseDeadline) {
                    latency.reset();
                    measuredMessages = 0;
                    measureStart = now;
                    phase = Phase.MEASURING;
                    phaseDeadline = now + seconds(options.durationSeconds);
                }
            }
            case MEASURING -> {
                if (now >= phaseDeadline) {
                    measureEnd = now;
                    phase = Phase.DRAINING;
                    phaseDeadline = now + DRAIN_TIMEOUT_NS;
                }
            }
            case DRAINING -> {
                if (inFlightTotal == 0) {
                    startClosing(now);
                } else if (now >= phaseDeadline) {
                    error(inFlightTotal + " messages still not echoed " + TimeUnit.NANOSECONDS.toSeconds(DRAIN_TIMEOUT_NS)
                            + " s after the measurement ended", inFlightTotal);
                    startClosing(now);
                }
            }
            case CLOSING -> {
                if (live == 0 || now >= phaseDeadline) {
                    phase = Phase.DONE;
                }
            }
            case DONE -> {
            }
        }
    }

    private void startWarmup(long now) {
        connectedAt = now;
        if (live == 0) {
            phase = Phase.DONE;
            return;
        }
        warmupStart = now;
        phase = Phase.WARMUP;
        phaseDeadline = now + seconds(options.warmupSeconds);
        for (Connection c : connections) {
            if (c.state == State.OPEN) {
                try {
                    c.sendMore();
                } catch (IOException e) {
                    c.fail("connection " + c.id + ": write failed: " + e);
                }
            }
        }
    }

    private void startClosing(long now) {
        phase = Phase.CLOSING;
        phaseDeadline = now + CLOSE_TIMEOUT_NS;
        for (Connection c : connections) {
            if (c.state == State.OPEN) {
                c.sendClose();
            }
        }
    }

    private void onReady(SelectionKey key) {
        Connection c = (Connection) key.attachment();
        try {
            if (key.isConnectable()) {
                c.finishConnect();
            }
            if (key.isValid() && key.isWritable()) {
                c.flush();
            }
            if (key.isValid() && key.isReadable()) {
                c.read();
            }
        } catch (IOException e) {
            if (c.state == State.CLOSE_SENT) {
                c.finish(); // a reset after our close frame is no concern of the benchmark
            } else {
                c.fail(e instanceof ProtocolException ? e.getMessage() : "connection " + c.id + ": " + e);
            }
        }
    }

    private void error(String message, long count) {
        if (errors < MAX_PRINTED_ERRORS) {
            System.err.println("error: " + message);
        } else if (errors == MAX_PRINTED_ERRORS) {
            System.err.println("error: (further errors counted, not printed)");
        }
        errors += count;
    }

    String resultLine() {
        return String.format(Locale.ROOT,
                "RESULT server=%s scenario=echo mode=%s conns=%d size=%d window=%d duration_s=%.1f msgs_per_s=%.1f"
                        + " p50_us=%.1f p99_us=%.1f p999_us=%.1f max_us=%.1f errors=%d",
                options.server, options.mode(), options.connections, options.size, options.window,
                measuredSeconds(), messagesPerSecond(),
                micros(50), micros(99), micros(99.9), latency.getTotalCount() == 0 ? 0 : latency.getMaxValue() / 1000.0,
                errors);
    }

    String report() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "echo load on %s: ws://%s:%d%s, %d connections, %d-byte %s messages, window %d%n",
                options.server, options.host, options.port, options.path, options.connections, options.size,
                options.mode(), options.window));
        b.append(String.format(Locale.ROOT, "  connected  %d of %d in %.0f ms%n", handshakesDone, options.connections,
                (connectedAt - runStart) / 1e6));
        if (measureStart != 0) {
            double warmup = (measureStart - warmupStart) / 1e9;
            b.append(String.format(Locale.ROOT, "  warmup     %.1f s, %d messages (%.0f msgs/s)%n",
                    warmup, warmupMessages, warmup > 0 ? warmupMessages / warmup : 0));
            b.append(String.format(Locale.ROOT, "  measured   %.1f s, %d messages: %.1f msgs/s%n",
                    measuredSeconds(), measuredMessages, messagesPerSecond()));
            b.append(String.format(Locale.ROOT,
                    "  round trip p50 %.1f us, p90 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us, mean %.1f us%n",
                    micros(50), micros(90), micros(99), micros(99.9), latency.getMaxValue() / 1000.0,
                    latency.getMean() / 1000.0));
        } else {
            b.append("  no measurement: no connection was open\n");
        }
        b.append("  errors     ").append(errors).append('\n');
        return b.toString();
    }

    private double measuredSeconds() {
        return measureEnd > measureStart ? (measureEnd - measureStart) / 1e9 : 0;
    }

    private double messagesPerSecond() {
        double s = measuredSeconds();
        return s > 0 ? measuredMessages / s : 0;
    }

    private double micros(double percentile) {
        return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile) / 1000.0;
    }

    private static long seconds(double s) {
        return (long) (s * 1e9);
    }

    private static byte[] maskKey(SecureRandom random) {
        // RFC 6455 §5.3 wants a fresh key per frame; one random key per connection is what lets the
        // frame be built once. A server cannot tell the difference. Zero is avoided so that no
        // server can take a no-op unmasking shortcut.
        byte[] key = new byte[4];
        do {
            random.nextBytes(key);
        } while (key[0] == 0 && key[1] == 0 && key[2] == 0 && key[3] == 0);
        return key;
    }

    private enum State { CONNECTING, HANDSHAKING, OPEN, CLOSE_SENT, CLOSED }

    /** One WebSocket connection: its socket, its frame parser state and its messages in flight. */
    private final class Connection implements FrameDecoder.Handler {

        private final int id;
        private final String key;
        private final byte[] maskKey;
        private final FrameDecoder decoder = new FrameDecoder(false);
        /** The masked frame sent for every message; only the sequence bytes change. */
        private final byte[] frame;
        private final int framePayloadStart;
        /** The payload the echo must equal; the sequence bytes are rewritten per message. */
        private final byte[] expected;
        private final int expectedOpcode;
        private final long[] sendTimes;
        private final ByteBuffer out;
        private final byte[] control = new byte[FrameEncoder.MAX_CONTROL_PAYLOAD];

        private State state = State.CONNECTING;
        private SocketChannel channel;
        private SelectionKey selectionKey;
        private int interest = -1;
        private byte[] handshake;
        private int handshakeLength;

        private long sendSequence;
        private long receiveSequence;
        private int inFlight;

        private boolean inMessage;
        private int messageOffset;
        private int frameOpcode;
        private boolean frameFin;
        private int controlLength;

        Connection(int id, String key, byte[] maskKey, byte[] request) {
            this.id = id;
            this.key = key;
            this.maskKey = maskKey;
            this.expected = payload.template(id);
            this.expectedOpcode = payload.text ? Opcode.TEXT : Opcode.BINARY;
            this.frame = FrameEncoder.frame(true, expectedOpcode, expected, maskKey);
            this.framePayloadStart = frame.length - expected.length;
            this.sendTimes = new long[options.window];
            int capacity = Math.max(request.length, options.window * frame.length) + 2 * (FrameEncoder.MAX_CONTROL_PAYLOAD + 6);
            this.out = ByteBuffer.allocateDirect(capacity);
            this.out.put(request);
            this.handshake = new byte[ClientHandshake.MAX_RESPONSE_HEAD];
        }

        void connect(InetSocketAddress address) throws IOException {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            boolean connected = channel.connect(address);
            selectionKey = channel.register(selector, 0, this);
            if (connected) {
                onConnected();
            } else {
                setInterest(SelectionKey.OP_CONNECT);
            }
        }

        void finishConnect() throws IOException {
            if (channel.finishConnect()) {
                onConnected();
            }
        }

        private void onConnected() throws IOException {
            state = State.HANDSHAKING;
            flush(); // the request was put in the buffer at construction
        }

        void flush() throws IOException {
            out.flip();
            channel.write(out);
            out.compact();
            setInterest(out.position() > 0 ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        private void setInterest(int ops) {
            if (ops != interest) {
                selectionKey.interestOps(ops);
                interest = ops;
            }
        }

        void read() throws IOException {
            readBuffer.clear();
            int n = channel.read(readBuffer);
            if (n < 0) {
                if (state == State.CLOSE_SENT) {
                    finish();
                } else {
                    fail("connection " + id + " closed by the server without a close frame");
                }
                return;
            }
            if (n == 0) {
                return;
            }
            lastReadTime = System.nanoTime();
            readBuffer.flip();
            if (state == State.HANDSHAKING && !readHandshake(readBuffer)) {
                return;
            }
            decoder.feed(readBuffer, this);
            if (state == State.CLOSED) {
                return;
            }
            sendMore();
            if (out.position() > 0) {
                flush();
            }
        }

        /** Returns true once the handshake is complete; frames that came with it have been parsed. */
        private boolean readHandshake(ByteBuffer in) throws IOException {
            int n = Math.min(in.remaining(), handshake.length - handshakeLength);
            in.get(handshake, handshakeLength, n);
            handshakeLength += n;
            int end = ClientHandshake.headEnd(handshake, handshakeLength);
            if (end < 0) {
                if (handshakeLength == handshake.length) {
                    throw new ProtocolException("connection " + id + ": handshake response head longer than "
                            + handshake.length + " bytes");
                }
                return false;
            }
            try {
                ClientHandshake.checkResponse(new String(handshake, 0, end, StandardCharsets.ISO_8859_1), key);
            } catch (ProtocolException e) {
                throw new ProtocolException("connection " + id + ": handshake failed: " + e.getMessage());
            }
            state = State.OPEN;
            handshakesDone++;
            live++;
            ByteBuffer early = ByteBuffer.wrap(handshake, end, handshakeLength - end);
            handshake = null;
            decoder.feed(early, this);
            return state != State.CLOSED;
        }

        /** Tops up the window while the load phases last, and writes what it added. */
        void sendMore() throws IOException {
            if (inFlight == options.window || state != State.OPEN
                    || (phase != Phase.WARMUP && phase != Phase.MEASURING)) {
                return;
            }
            long now = System.nanoTime();
            int window = options.window;
            while (inFlight < window) {
                payload.writeSequence(sendSequence, frame, framePayloadStart);
                FrameEncoder.mask(frame, framePayloadStart, payload.sequenceLength, maskKey, 0);
                out.put(frame);
                sendTimes[(int) (sendSequence % window)] = now;
                sendSequence++;
                inFlight++;
                inFlightTotal++;
            }
            flush();
        }

        void sendClose() {
            try {
                FrameEncoder.writeFrame(out, true, Opcode.CLOSE, ByteBuffer.wrap(NORMAL_CLOSE), maskKey);
                state = State.CLOSE_SENT;
                flush();
            } catch (IOException e) {
                finish();
            }
        }

        @Override
        public void frameStart(boolean fin, int opcode, long length) throws ProtocolException {
            if (state == State.CLOSED) {
                return;
            }
            frameOpcode = opcode;
            frameFin = fin;
            if (Opcode.isControl(opcode)) {
                controlLength = 0;
                return;
            }
            if (opcode == Opcode.CONTINUATION) {
                if (!inMessage) {
                    throw new ProtocolException("connection " + id + ": continuation frame with no message in progress (RFC 6455 §5.4)");
                }
            } else {
                if (inMessage) {
                    throw new ProtocolException("connection " + id + ": new data frame inside a fragmented message (RFC 6455 §5.4)");
                }
                if (opcode != expectedOpcode) {
                    throw new ProtocolException("connection " + id + ": echo of message " + receiveSequence
                            + " came back with opcode " + opcode + ", sent " + expectedOpcode);
                }
                if (inFlight == 0) {
                    throw new ProtocolException("connection " + id + ": a message arrived with none in flight");
                }
                inMessage = true;
                messageOffset = 0;
                payload.writeSequence(receiveSequence, expected, 0);
            }
            if (messageOffset + length > expected.length) {
                throw new ProtocolException("connection " + id + ": echo of message " + receiveSequence
                        + " is longer than the " + expected.length + " bytes sent");
            }
        }

        @Override
        public void payload(ByteBuffer chunk) throws ProtocolException {
            if (state == State.CLOSED) {
                return;
            }
            int n = chunk.remaining();
            if (Opcode.isControl(frameOpcode)) {
                chunk.get(control, controlLength, n);
                controlLength += n;
                return;
            }
            int at = chunk.mismatch(ByteBuffer.wrap(expected, messageOffset, n));
            if (at >= 0) {
                int offset = messageOffset + at;
                throw new ProtocolException(String.format(Locale.ROOT,
                        "connection %d: echo of message %d differs at byte %d: expected 0x%02x, got 0x%02x",
                        id, receiveSequence, offset, expected[offset], chunk.get(chunk.position() + at)));
            }
            messageOffset += n;
        }

        @Override
        public void frameEnd() throws ProtocolException {
            if (state == State.CLOSED) {
                return;
            }
            if (Opcode.isControl(frameOpcode)) {
                controlFrame();
                return;
            }
            if (!frameFin) {
                return;
            }
            if (messageOffset != expected.length) {
                throw new ProtocolException("connection " + id + ": echo of message " + receiveSequence + " has "
                        + messageOffset + " bytes, sent " + expected.length);
            }
            inMessage = false;
            if (phase == Phase.MEASURING) {
                long rtt = lastReadTime - sendTimes[(int) (receiveSequence % options.window)];
                latency.recordValue(Math.min(Math.max(rtt, 1), HIGHEST_LATENCY_NS));
                measuredMessages++;
            } else if (phase == Phase.WARMUP) {
                warmupMessages++;
            }
            receiveSequence++;
            inFlight--;
            inFlightTotal--;
        }

        private void controlFrame() throws ProtocolException {
            switch (frameOpcode) {
                case Opcode.PING -> // RFC 6455 §5.5.2: answer with a pong carrying the same data
                        FrameEncoder.writeFrame(out, true, Opcode.PONG, ByteBuffer.wrap(control, 0, controlLength), maskKey);
                case Opcode.CLOSE -> {
                    if (state == State.CLOSE_SENT) {
                        finish();
                    } else {
                        throw new ProtocolException("connection " + id + ": server closed the connection: " + closeReason());
                    }
                }
                default -> {
                    // an unsolicited pong needs no answer (RFC 6455 §5.5.3)
                }
            }
        }

        private String closeReason() {
            if (controlLength < 2) {
                return "no status code";
            }
            int code = ((control[0] & 0xFF) << 8) | (control[1] & 0xFF);
            return "code " + code + " " + new String(control, 2, controlLength - 2, StandardCharsets.UTF_8);
        }

        /** A failure: counted as an error; messages in flight on it are not counted again. */
        void fail(String reason) {
            if (state == State.CLOSED) {
                return;
            }
            if (state == State.OPEN || state == State.CLOSE_SENT) {
                live--;
            } else {
                handshakesFailed++;
            }
            state = State.CLOSED;
            inFlightTotal -= inFlight;
            inFlight = 0;
            closeChannel();
            error(reason, 1);
        }

        /** The normal end, after our close frame. */
        void finish() {
            if (state == State.CLOSED) {
                return;
            }
            live--;
            state = State.CLOSED;
            closeChannel();
        }

        void closeChannel() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing left to do with it
                }
            }
        }
    }
}
