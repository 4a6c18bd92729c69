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

/**
 * One client WebSocket connection of a single-threaded NIO load driver: connect, the opening
 * handshake, incremental frame parsing, answers to pings and the closing handshake. What a driver
 * does with data messages is left to a subclass; the driver's selector loop calls
 * {@link #onSelected} with its one shared read buffer.
 */
abstract class ClientConnection implements FrameDecoder.Handler {

    enum State { CONNECTING, HANDSHAKING, OPEN, CLOSE_SENT, CLOSED }

    /** What the driver's loop is told about every connection. */
    interface Events {
        void opened();

        /** {@code reason} starts with the connection's id. */
        void failed(State was, String reason);

        void closed();
    }

    private static final byte[] NORMAL_CLOSE = {0x03, (byte) 0xE8}; // 1000, RFC 6455 §7.4.1
    private static final int CONTROL_FRAME_BYTES = FrameEncoder.MAX_CONTROL_PAYLOAD + 6;

    final int id;
    private final Events events;
    private final String key;
    /** RFC 6455 §5.3 wants a fresh key per frame; one per connection lets frames be built once. */
    final byte[] maskKey;
    private final FrameDecoder decoder = new FrameDecoder(false);
    /** Bytes waiting to be written: the handshake request, then frames. */
    final ByteBuffer out;
    private final byte[] control = new byte[FrameEncoder.MAX_CONTROL_PAYLOAD];
    /** Whether the handshake offers permessage-deflate ({@link DeflateTerms#OFFER}). */
    private final boolean offerDeflate;
    private final PayloadInflater.Sink inflatedSink = this::messagePayload;
    /** What the server agreed to; null when deflate was not offered or the server declined. */
    private DeflateTerms deflateTerms;
    /** Made with the first compressed message, so that a connection that never gets one holds no zlib state. */
    private PayloadInflater inflater;
    private boolean compressedMessage;
    private long compressedMessages;
    private long dataMessages;
    private boolean handshakeDone;

    private State state = State.CONNECTING;
    private SocketChannel channel;
    /** ws:// or wss://, made with the socket. */
    private Transport transport;
    private SelectionKey selectionKey;
    private int interest = -1;
    private boolean reading = true;
    private byte[] handshake = new byte[ClientHandshake.MAX_RESPONSE_HEAD];
    private int handshakeLength;

    private int frameOpcode;
    private boolean finalFrame;
    private boolean inMessage;
    private int controlLength;
    private long lastReadNanos;

    /**
     * @param dataCapacity room in the write buffer for data frames, beyond the handshake request
     *     and two control frames
     */
    ClientConnection(int id, Events events, String host, int port, String path, SecureRandom random, int dataCapacity) {
        this(id, events, host, port, path, random, dataCapacity, false);
    }

    /** @param offerDeflate whether to offer permessage-deflate, and then take compressed messages if agreed */
    ClientConnection(int id, Events events, String host, int port, String path, SecureRandom random, int dataCapacity,
                     boolean offerDeflate) {
        this.id = id;
        this.offerDeflate = offerDeflate;
        this.events = events;
        this.key = ClientHandshake.newKey(random);
        this.maskKey = FrameEncoder.newMaskKey(random);
        byte[] request = ClientHandshake.request(host, port, path, key, offerDeflate ? DeflateTerms.OFFER : null);
        this.out = ByteBuffer.allocateDirect(Math.max(request.length, dataCapacity) + 2 * CONTROL_FRAME_BYTES);
        this.out.put(request);
    }

    State state() {
        return state;
    }

    /**
     * Starts a non-blocking connect; {@code receiveBuffer} > 0 sets SO_RCVBUF before it; the
     * connection's bytes go through the transport {@code transports} makes (ws:// or wss://).
     */
    void connect(Selector selector, InetSocketAddress address, int receiveBuffer, Transport.Opener transports) {
        try {
            channel = SocketChannel.open();
            transport = transports.open(channel);
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (receiveBuffer > 0) {
                // before connect, so that the window the connection announces is small from the start
                channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
            }
            boolean connected = channel.connect(address);
            selectionKey = channel.register(selector, 0, this);
            if (connected) {
                onConnected();
            } else {
                setInterest(SelectionKey.OP_CONNECT);
            }
        } catch (IOException e) {
            fail("connect failed: " + e);
        }
    }

    /** The selector found this connection ready. */
    final void onSelected(SelectionKey key, ByteBuffer readBuffer) {
        try {
            if (key.isConnectable() && channel.finishConnect()) {
                onConnected();
            }
            if (key.isValid() && key.isWritable()) {
                flush();
            }
            if (key.isValid() && key.isReadable()) {
                read(readBuffer);
            }
        } catch (IOException e) {
            if (state == State.CLOSE_SENT) {
                finish(); // a reset after our close frame is no concern of the benchmark
            } else {
                fail(e instanceof ProtocolException ? e.getMessage() : e.toString());
            }
        }
    }

    private void onConnected() throws IOException {
        state = State.HANDSHAKING;
        transport.connected();
        flush();
    }

    /**
     * Reads what arrived and feeds it on; over TLS a read may hold more records than the buffer
     * takes at once (read again), or only TLS's own (none for us, but the upgrade request may now
     * go out: flushed after).
     */
    private void read(ByteBuffer in) throws IOException {
        do {
            in.clear();
            int n = transport.read(in);
            if (n < 0) {
                if (state == State.CLOSE_SENT) {
                    finish();
                } else {
                    fail("server closed the connection without a close frame");
                }
                return;
            }
            if (n > 0) {
                lastReadNanos = System.nanoTime();
                in.flip();
                if (state != State.HANDSHAKING || readHandshake(in)) {
                    decoder.feed(in, this);
                }
            }
        } while (state != State.CLOSED && transport.hasBufferedInput());
        if (state != State.CLOSED && out.position() > 0) {
            flush();
        }
    }

    /** Returns true once the handshake is complete. */
    private boolean readHandshake(ByteBuffer in) throws IOException {
        int n = Math.min(in.remaining(), handshake.length - handshakeLength);
        in.get(handshake, handshakeLength, n);
        handshakeLength += n;
        int end = ClientHandshake.headEnd(handshake, handshakeLength);
        if (end < 0) {
            if (handshakeLength == handshake.length) {
                throw new ProtocolException("handshake response head longer than " + handshake.length + " bytes");
            }
            return false;
        }
        try {
            String extensions = ClientHandshake.checkResponse(new String(handshake, 0, end, StandardCharsets.ISO_8859_1), key,
                    offerDeflate);
            if (offerDeflate) {
                deflateTerms = DeflateTerms.parse(extensions);
                if (deflateTerms != null) {
                    decoder.allowCompressed();
                }
            }
        } catch (ProtocolException e) {
            throw new ProtocolException("handshake failed: " + e.getMessage());
        }
        state = State.OPEN;
        handshakeDone = true;
        ByteBuffer early = ByteBuffer.wrap(handshake, end, handshakeLength - end);
        handshake = null;
        events.opened();
        opened();
        if (state == State.OPEN) {
            decoder.feed(early, this);
        }
        return state != State.CLOSED;
    }

    /** The permessage-deflate terms the server agreed to; null if not offered or declined. */
    final DeflateTerms deflateTerms() {
        return deflateTerms;
    }

    /** Data messages that arrived compressed (RSV1). */
    final long compressedMessages() {
        return compressedMessages;
    }

    /** Whether the opening handshake succeeded (whatever the state now). */
    final boolean handshakeDone() {
        return handshakeDone;
    }

    /** Data messages received, compressed or not. */
    final long dataMessages() {
        return dataMessages;
    }

    /** When the last read returned data: the receive time of every message it completed. */
    final long lastReadNanos() {
        return lastReadNanos;
    }

    /** Never reads again: the kernel's receive buffer fills and the server's writes stall (a slow consumer). */
    void stopReading() {
        reading = false;
        updateInterest();
    }

    /** Appends a data frame with the payload's remaining bytes, masked, and writes what it can. */
    void sendData(int opcode, ByteBuffer payload) throws IOException {
        send(false, opcode, payload);
    }

    /** As {@link #sendData}, with RSV1 set: the payload is a message compressed under permessage-deflate. */
    void sendCompressed(int opcode, ByteBuffer payload) throws IOException {
        send(true, opcode, payload);
    }

    private void send(boolean rsv1, int opcode, ByteBuffer payload) throws IOException {
        int length = payload.remaining();
        if (out.remaining() < FrameEncoder.headerLength(length, true) + length + 2 * CONTROL_FRAME_BYTES) {
            throw new ProtocolException("the server does not read: " + out.position() + " bytes still unwritten");
        }
        FrameEncoder.writeHeader(out, true, rsv1, opcode, length, maskKey);
        int start = out.position();
        out.put(payload);
        FrameEncoder.mask(out, start, length, maskKey, 0);
        flush();
    }

    void sendPing() throws IOException {
        if (out.remaining() >= CONTROL_FRAME_BYTES) {
            FrameEncoder.writeFrame(out, true, Opcode.PING, ByteBuffer.allocate(0), maskKey);
            flush();
        }
    }

    /** Starts the closing handshake, RFC 6455 §5.5.1. */
    void sendClose() {
        if (!reading) {
            // a connection that never reads cannot complete a closing handshake: drop it
            finish();
            return;
        }
        if (state != State.OPEN) {
            return;
        }
        try {
            FrameEncoder.writeFrame(out, true, Opcode.CLOSE, ByteBuffer.wrap(NORMAL_CLOSE), maskKey);
            state = State.CLOSE_SENT;
            flush();
        } catch (IOException | RuntimeException e) {
            finish();
        }
    }

    final void flush() throws IOException {
        out.flip();
        try {
            transport.write(out);
        } finally {
            out.compact();
        }
        updateInterest();
    }

    private void updateInterest() {
        int wanted = state == State.CONNECTING ? SelectionKey.OP_CONNECT
                : (reading ? SelectionKey.OP_READ : 0) | (transport.waitsToWrite(out.position() > 0) ? SelectionKey.OP_WRITE : 0);
        setInterest(wanted);
    }

    private void setInterest(int ops) {
        if (ops != interest && selectionKey.isValid()) {
            selectionKey.interestOps(ops);
            interest = ops;
        }
    }

    @Override
    public final void frameStart(boolean fin, int opcode, long length) throws ProtocolException {
        frameOpcode = opcode;
        if (Opcode.isControl(opcode)) {
            controlLength = 0;
            return;
        }
        finalFrame = fin;
        if (opcode == Opcode.CONTINUATION) {
            if (!inMessage) {
                throw new ProtocolException("continuation frame with no message in progress (RFC 6455 §5.4)");
            }
        } else {
            if (inMessage) {
                throw new ProtocolException("new data frame inside a fragmented message (RFC 6455 §5.4)");
            }
            inMessage = true;
            dataMessages++;
            compressedMessage = decoder.rsv1();
            if (compressedMessage) {
                compressedMessages++;
                if (inflater == null && state != State.CLOSED) {
                    // RFC 7692 §7.1.1.1: without server_no_context_takeover the server keeps its window
                    inflater = new PayloadInflater(!deflateTerms.serverNoContextTakeover(), 16 * 1024);
                }
            }
            if (state == State.OPEN) {
                messageStart(opcode);
            }
        }
    }

    @Override
    public final void payload(ByteBuffer chunk) throws ProtocolException {
        if (Opcode.isControl(frameOpcode)) {
            int n = chunk.remaining();
            chunk.get(control, controlLength, n);
            controlLength += n;
        } else if (compressedMessage && inflater != null) {
            // inflated even when no longer open: with context takeover every message feeds the window
            inflater.inflate(chunk, state == State.OPEN ? inflatedSink : ignored -> { });
        } else if (state == State.OPEN) {
            messagePayload(chunk);
        }
    }

    @Override
    public final void frameEnd() throws ProtocolException {
        if (!Opcode.isControl(frameOpcode)) {
            if (finalFrame) {
                inMessage = false;
                if (compressedMessage && inflater != null) {
                    inflater.finish(state == State.OPEN ? inflatedSink : ignored -> { });
                }
                if (state == State.OPEN) {
                    messageEnd();
                }
            }
            return;
        }
        switch (frameOpcode) {
            case Opcode.PING -> // RFC 6455 §5.5.2: answer with a pong carrying the same data
                    FrameEncoder.writeFrame(out, true, Opcode.PONG, ByteBuffer.wrap(control, 0, controlLength), maskKey);
            case Opcode.PONG -> pong();
            case Opcode.CLOSE -> {
                if (state == State.CLOSE_SENT) {
                    finish();
                } else {
                    throw new ProtocolException("server closed the connection: " + closeReason());
                }
            }
            default -> throw new ProtocolException("unexpected control opcode " + frameOpcode);
        }
    }

    private String closeReason() {
        if (controlLength < 2) {
            return "no status code";
        }
        int code = ((control[0] & 0xFF) << 8) | (control[1] & 0xFF);
        return "code " + code + " " + new String(control, 2, controlLength - 2, StandardCharsets.UTF_8);
    }

    /** A failure: the connection is closed and {@link #failed} told why. */
    final void fail(String reason) {
        if (state == State.CLOSED) {
            return;
        }
        State was = state;
        state = State.CLOSED;
        closeChannel();
        failed();
        events.failed(was, "connection " + id + ": " + reason);
    }

    /** The normal end, after our close frame. */
    final void finish() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        closeChannel();
        closedNormally();
        events.closed();
    }

    final void closeChannel() {
        if (inflater != null) {
            inflater.close();
            inflater = null;
        }
        if (channel != null) {
            if (channel.isOpen()) {
                transport.close();
            }
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to do with it
            }
        }
    }

    /** The opening handshake succeeded (the driver has been told); frames may be sent from here on. */
    void opened() {
    }

    /** The connection failed; called before the driver is told. */
    void failed() {
    }

    /** The connection ended normally, after our close frame; called before the driver is told. */
    void closedNormally() {
    }

    /** The first frame of a data message began: {@link Opcode#TEXT} or {@link Opcode#BINARY}. */
    abstract void messageStart(int opcode) throws ProtocolException;

    /** Unmasked payload of the current message, frame after frame; valid only during the call. */
    abstract void messagePayload(ByteBuffer chunk) throws ProtocolException;

    /** The message's final frame ended. */
    abstract void messageEnd() throws ProtocolException;

    /** A pong arrived; nothing to do unless a driver counts them. */
    void pong() {
    }
}
