package io.wssocket.protocol;

import io.wssocket.transport.Connection;
import io.wssocket.transport.ConnectionHandler;
import io.wssocket.transport.OutboundBudgetExceededException;
import io.wssocket.transport.WriteCallback;
import io.wssocket.transport.WriteQueueFullException;
import io.wssocket.wire.CloseCodes;
import io.wssocket.wire.ClosePayload;
import io.wssocket.wire.FrameParser;
import io.wssocket.wire.FrameWriter;
import io.wssocket.wire.MessageDeflater;
import io.wssocket.wire.Opcode;
import io.wssocket.wire.ProtocolViolationException;
import io.wssocket.wire.WebSocketReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * An open WebSocket connection: frames in through {@link WebSocketReader}, frames out through the
 * transport, the close handshake of RFC 6455 §7 in both directions with a timeout, automatic
 * pongs, keep-alive pings, idle, read-idle and read-progress timeouts, and failing the connection
 * with the right code on a protocol violation. Limit closes and stalls are told to its
 * {@link ProtocolEvents}.
 *
 * <p>Inbound events reach the {@link WebSocketListener} on the event loop. Sending is allowed from
 * any thread; frames of one call are written atomically, and nothing is written after the close
 * frame.
 */
public final class WebSocketConnection implements ConnectionHandler, WebSocketReader.Listener {
    private static final System.Logger LOG = System.getLogger(WebSocketConnection.class.getName());
    /** Payloads up to this size are copied behind their header: one buffer, one write. */
    private static final int COPY_THRESHOLD = 8192;

    private enum State { OPEN, CLOSE_SENT, CLOSE_RECEIVED }

    /** RFC 7692 §6: RSV1 marks the first frame of a compressed message. */
    private static final int RSV1 = WebSocketReader.RSV1;

    /** Why the connection fails: the close frame's code and reason. */
    private record Failure(int code, String reason) {
    }

    private final Connection connection;
    private final ProtocolConfig config;
    private final WebSocketReader reader;
    private final IntSupplier maskKeys;
    private final ProtocolEvents events;
    /** The endpoint path, for what the events tell an operator; null when unknown. */
    private final String path;
    private final SharedTextFrames sharedFrames;
    /**
     * Compresses outbound messages; made at the first message that goes compressed (an idle
     * connection holds none), never when permessage-deflate is off or this side does not compress.
     * Under this monitor.
     */
    private MessageDeflater deflater;
    private final int deflateThreshold;
    /** Permessage-deflate as negotiated, or null; its context budget is given back once ({@link #releaseCompression}). */
    private final Compression compression;
    /** Whether the compression's context budget was given back; under this monitor. */
    private boolean compressionReleased;
    /** Whether the fragmented message being sent is compressed; set by its first fragment (sends are serialized). */
    private boolean fragmentsCompressed;
    private volatile WebSocketListener listener;

    /** Changed only under this connection's monitor (its state lock: {@code this}, not an object of its own); read without it on the per-frame path. */
    private volatile State state = State.OPEN;
    private int closeCode = CloseCodes.ABNORMAL;
    private String closeReason = "";
    /** Who began the close handshake; under this monitor. */
    private ClosedConnection.Initiator initiator = ClosedConnection.Initiator.NONE;
    /** Frame bytes and whole data messages sent; under this monitor (every send takes it). */
    private long bytesOut;
    private long messagesOut;
    /** Bytes and whole data messages read; event loop only. */
    private long bytesIn;
    private long messagesIn;
    /** Where this connection's traffic is added up with others', as it flows; null for none. */
    private TrafficCounter traffic;
    /** When {@link #start} was called; 0 while not started. */
    private long startedNanos;

    // Event loop only.
    private boolean failed;
    /**
     * The failure whose close frame waits until the session has handled the messages read before
     * it (and sent its replies); null when none waits. Made only when a connection fails.
     */
    private Failure pendingFailure;
    /** The peer ended its output while the close frame of a failure still waited. */
    private boolean inputClosedWhileFailing;
    private long pingWindowStart;
    private int pingsInWindow;
    private long closeDeadline;
    private volatile long idleTimeoutNanos;
    /** The deadline last given to the transport's timer; 0 for none. */
    private long armedDeadline;
    /** Since when the peer, inside a frame or message, has sent no data-frame bytes. */
    private long progressSince;
    /** When the timer last found reads suspended by this side: silence before it is not the peer's. */
    private long readsPausedAt;
    /**
     * What this layer's keep-alive pings carry, so that their pongs are told apart from the ones
     * the application sends or asks for: those reach the endpoint and delay its idle timeout,
     * these do neither (a live peer would otherwise keep an idle session open for ever).
     */
    private static final ByteBuffer KEEP_ALIVE_PAYLOAD =
            ByteBuffer.wrap("wssocket keep-alive".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
    /** When this side last sent a keep-alive ping, 0 for never. Event loop. */
    private long lastPingNanos;
    /**
     * When a data frame was last read or sent, or a ping or pong other than the keep-alive's: the
     * keep-alive's pings and pongs do not keep a session from its idle timeout.
     */
    private volatile long lastDataNanos;

    /** A connection whose text frames are its own and whose limit closes and stalls are told to no one. */
    public WebSocketConnection(Connection connection, ProtocolConfig config, int allowedRsv, IntSupplier maskKeys) {
        this(connection, config, allowedRsv, maskKeys, ProtocolEvents.NONE, null, null);
    }

    /**
     * @param maskKeys the source of masking keys on the client side (RFC 6455 §5.3), null on the server
     * @param events told about limit closes and stalls
     * @param path the endpoint path, for those events; null when unknown
     * @param sharedFrames the server's text frames shared between its connections, or null not to share
     */
    public WebSocketConnection(Connection connection, ProtocolConfig config, int allowedRsv, IntSupplier maskKeys,
                               ProtocolEvents events, String path, SharedTextFrames sharedFrames) {
        this(connection, config, allowedRsv, maskKeys, events, path, sharedFrames, null);
    }

    /**
     * @param compression permessage-deflate as negotiated, or null when it was not
     * @see #WebSocketConnection(Connection, ProtocolConfig, int, IntSupplier, ProtocolEvents, String, SharedTextFrames)
     */
    public WebSocketConnection(Connection connection, ProtocolConfig config, int allowedRsv, IntSupplier maskKeys,
                               ProtocolEvents events, String path, SharedTextFrames sharedFrames,
                               Compression compression) {
        if (config.client() && maskKeys == null) {
            throw new IllegalArgumentException("a client connection needs masking keys");
        }
        if (config.client() && sharedFrames != null) {
            throw new IllegalArgumentException("a client masks every frame with its own key: its frames cannot be shared");
        }
        this.sharedFrames = sharedFrames;
        this.connection = connection;
        this.config = config;
        this.maskKeys = maskKeys;
        this.events = events;
        this.path = path;
        this.lastDataNanos = System.nanoTime();
        this.reader = new WebSocketReader(
                new FrameParser(!config.client(), config.maxFramePayload(), allowedRsv),
                config.maxMessageSize(), config.maxFramesPerMessage(), this);
        this.compression = compression;
        if (compression != null) {
            reader.inflateMessages(compression.pool(), compression.peerTakesContextOver(), !config.client(),
                    config.maxFramePayload());
        }
        this.deflateThreshold = compression != null ? compression.threshold() : Integer.MAX_VALUE;
    }

    /**
     * Adds this connection's traffic to {@code counter} as it flows (an endpoint's, shared by its
     * connections). Before the connection is opened.
     */
    public void countInto(TrafficCounter counter) {
        this.traffic = counter;
    }

    /** Whether an inflater is held now: while a compressed message is read, or for a peer that takes context over. */
    public boolean holdsInflater() {
        return reader.holdsInflater();
    }

    /**
     * The connection will never be opened (its handshake failed after it was made, or the socket
     * closed first): gives back what it took of the compression's context budget. Any thread.
     */
    public void abandon() {
        releaseCompression();
    }

    /** Gives the context budget back, once. */
    private void releaseCompression() {
        if (compression == null || compression.contextBytes() == 0) {
            return;
        }
        synchronized (this) {
            if (compressionReleased) {
                return;
            }
            compressionReleased = true;
        }
        compression.pool().releaseContext(compression.contextBytes());
    }

    /**
     * Makes this the connection's handler and starts delivering to {@code listener}. Call on the
     * event loop, then pass any bytes that followed the handshake to {@link #onData}.
     */
    public void start(WebSocketListener listener) {
        this.listener = listener;
        lastDataNanos = System.nanoTime(); // the idle timeout counts from the open, not from the handshake
        startedNanos = lastDataNanos;
        connection.setHandler(this);
        armTimer();
    }

    public Connection transport() {
        return connection;
    }

    /**
     * What an operator's view shows of one connection at a moment: read on request, never per frame.
     *
     * @param remoteAddress the socket's peer
     * @param startedNanos {@link System#nanoTime()} when the connection started as a WebSocket, 0 if not yet
     * @param queuedBytes bytes queued for the peer and not yet written to the socket
     * @param bytesIn bytes read, as the event loop last counted them
     * @param bytesOut frame bytes sent
     * @param messagesIn whole data messages read
     * @param messagesOut whole data messages sent
     */
    public record Traffic(InetSocketAddress remoteAddress, long startedNanos, long queuedBytes, long bytesIn,
                          long bytesOut, long messagesIn, long messagesOut) {
    }

    /**
     * The connection's {@link Traffic} now, from any thread: the read counts belong to the event
     * loop and may lag it by a read; the send counts and the queue are read under their locks, held
     * for the read alone.
     */
    public Traffic traffic() {
        long sent;
        long messagesSent;
        synchronized (this) {
            sent = bytesOut;
            messagesSent = messagesOut;
        }
        return new Traffic(connection.remoteAddress(), startedNanos, connection.queuedBytes(), bytesIn, sent, messagesIn,
                messagesSent);
    }

    // ------------------------------------------------------------------ what the session needs of the transport
    // The session talks to this layer only: these pass its few needs on to the connection.

    /** Stops reading from the socket until {@link #resumeReads()}. Any thread. */
    public void suspendReads() {
        connection.suspendReads();
    }

    public void resumeReads() {
        connection.resumeReads();
    }

    /** Whether the calling thread is this connection's event loop (the thread that reads it). */
    public boolean inLoop() {
        return connection.loop().inLoop();
    }

    /** Runs {@code task} on this connection's event loop, later (never inline). Any thread. */
    public void executeOnLoop(Runnable task) {
        connection.loop().execute(task);
    }

    /**
     * A byte array of the event loop's, for copying out of a buffer given to the listener. Only
     * during a listener call, on the loop; its contents are not kept.
     */
    public byte[] loopScratch() {
        return connection.loop().scratch();
    }

    /**
     * During a data listener call: the bytes of the message the peer announced beyond the chunk
     * given (the rest of the current frame, uncompressed), a size hint for gathering it.
     */
    public long dataBytesAnnounced() {
        return reader.dataBytesAnnounced();
    }

    /**
     * Reads bytes that followed the handshake in the same read, as if they had just arrived. Event
     * loop, after {@link #start}.
     */
    public void readLeftover(ByteBuffer leftover) {
        onData(connection, leftover);
    }

    /**
     * Holds the small frames sent from now on until {@link #uncork()}, to write them together (the
     * connection bounds what it holds). Calls nest: each cork needs its uncork.
     */
    public void cork() {
        connection.cork();
    }

    public void uncork() {
        connection.uncork();
    }

    /** Whether the outbound queue is below its high water mark (or fell below the low one since). Any thread. */
    public boolean isWritable() {
        return connection.isWritable();
    }

    /** Before a wait for this connection's writes: see {@link Connection#flushBeforeWait}. Any thread. */
    public void flushBeforeWait(long timeoutMillis) {
        connection.flushBeforeWait(timeoutMillis);
    }

    /** When the socket last took bytes. */
    public long lastWriteNanos() {
        return connection.lastWriteNanos();
    }

    /** Told when the outbound queue crosses its water marks; one per connection. */
    public void setBackpressureListener(BackpressureListener listener) {
        connection.setWritabilityListener(listener);
    }

    /** Whether a send failed because the outbound queue is at its limit (max-queued-bytes): the peer reads too slowly. */
    public static boolean isOutboundQueueFull(Throwable sendFailure) {
        return sendFailure instanceof WriteQueueFullException;
    }

    /**
     * Drops the connection at once, without a close handshake: a send could not complete in time
     * and its frame may be half written. Any thread.
     */
    public void abort(Throwable cause) {
        connection.abort(cause);
    }

    public boolean isOpen() {
        return state == State.OPEN;
    }

    /** Whether the socket is still open (during a close handshake too). Any thread. */
    public boolean isConnected() {
        return connection.isOpen();
    }

    /**
     * A send of the session waited {@code waitedNanos} for the peer (a blocking send for room in the
     * queue or for the frames to be taken; an asynchronous one from its call to its write); past the
     * owner's threshold it is told as a slow send. Any thread.
     */
    public void sendWaited(long waitedNanos) {
        if (waitedNanos >= events.slowSendThresholdNanos()) {
            events.slowSend(connection.remoteAddress(), path, waitedNanos, connection.queuedBytes());
        }
    }

    /** Closes the connection when nothing was read or written for this long; 0 disables. Any thread. */
    public void setIdleTimeout(long millis) {
        idleTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
        onLoop(this::armTimer);
    }

    // ------------------------------------------------------------------ inbound (event loop)

    @Override
    public void onData(Connection c, ByteBuffer in) {
        if (failed) {
            in.position(in.limit()); // RFC 6455 §7.1.7: after failing, input is discarded
            return;
        }
        boolean wasInside = reader.isInsideFrameOrMessage();
        long progress = reader.dataProgress();
        int read = in.remaining();
        bytesIn += read;
        long messagesBefore = messagesIn;
        try {
            reader.read(in);
        } catch (ProtocolViolationException e) {
            in.position(in.limit());
            if (isLimitCode(e.closeCode())) {
                events.limitClosed(c.remoteAddress(), path, e.closeCode(), e.getMessage());
            } else if (e.ignoredParameter() != null) {
                events.extensionParameterIgnored(c.remoteAddress(), path, e.ignoredParameter(), e.getMessage());
            }
            fail(e.closeCode(), e.getMessage());
            return;
        } finally {
            countRead(read, messagesBefore);
        }
        if (reader.dataProgress() != progress) {
            lastDataNanos = connection.lastReadNanos();
        }
        if (reader.isInsideFrameOrMessage() && (!wasInside || reader.dataProgress() != progress)) {
            startProgressClock(wasInside);
        }
    }

    /** Adds a read to the shared count, if any: its bytes and the messages it completed. Loop thread. */
    private void countRead(int bytes, long messagesBefore) {
        TrafficCounter counter = traffic;
        if (counter != null) {
            counter.read(bytes, messagesIn - messagesBefore);
        }
    }

    /**
     * The peer owes the rest of a frame or message and sent data just now, or just began owing:
     * it has read-progress-timeout from now. Only a clock that starts may need an earlier timer;
     * one that moves on is found by the timer that is armed already.
     */
    private void startProgressClock(boolean running) {
        progressSince = connection.lastReadNanos();
        long timeout = readProgressNanos();
        if (!running && timeout > 0 && closeDeadline == 0) {
            long deadline = progressSince + timeout;
            if (armedDeadline == 0 || deadline - armedDeadline < 0) {
                schedule(deadline);
            }
        }
    }

    @Override
    public void onText(ByteBuffer chunk, boolean first, boolean last) throws ProtocolViolationException {
        if (acceptsData()) {
            if (last) {
                messagesIn++;
            }
            try {
                listener.onText(chunk, first, last);
            } catch (ConnectionFailure e) {
                throw violation(e);
            }
        }
    }

    @Override
    public void onBinary(ByteBuffer chunk, boolean first, boolean last) throws ProtocolViolationException {
        if (acceptsData()) {
            if (last) {
                messagesIn++;
            }
            try {
                listener.onBinary(chunk, first, last);
            } catch (ConnectionFailure e) {
                throw violation(e);
            }
        }
    }

    /** The listener refused what it was given: failed like a violation the reader found (see {@link #onData}). */
    private static ProtocolViolationException violation(ConnectionFailure failure) {
        return new ProtocolViolationException(failure.closeCode(), failure.getMessage());
    }

    private boolean acceptsData() {
        // Once we sent a close frame the session is closing: data that crosses it is dropped.
        return state == State.OPEN;
    }

    @Override
    public void onPing(ByteBuffer payload) throws ProtocolViolationException {
        checkPingRate();
        // The peer's own heartbeat is the session's activity (Jakarta WebSocket TCK, remoteendpoint).
        lastDataNanos = connection.lastReadNanos();
        // RFC 6455 §5.5.2: answer with a pong carrying the same data, unless already closing.
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload.duplicate()).flip();
        sendControl(Opcode.PONG, copy, WriteCallback.NONE);
    }

    /** More pings in one second than the limit: a flood, refused with 1008 (policy violation). */
    private void checkPingRate() throws ProtocolViolationException {
        int limit = config.maxPingsPerSecond();
        if (limit == 0) {
            return;
        }
        long now = connection.loop().now();
        if (now - pingWindowStart >= 1_000_000_000L) {
            pingWindowStart = now;
            pingsInWindow = 0;
        }
        if (++pingsInWindow > limit) {
            throw new ProtocolViolationException(CloseCodes.POLICY_VIOLATION,
                    "more than " + limit + " pings in one second (max-pings-per-second)");
        }
    }

    @Override
    public void onPong(ByteBuffer payload) {
        if (payload.equals(KEEP_ALIVE_PAYLOAD)) {
            return; // the answer to this layer's keep-alive: neither the endpoint's pong nor the session's activity
        }
        lastDataNanos = connection.lastReadNanos();
        listener.onPong(payload);
    }

    @Override
    public void onClose(int code, String reason) {
        boolean reply;
        synchronized (this) {
            reply = state == State.OPEN;
            if (reply) {
                state = State.CLOSE_RECEIVED;
                initiator = ClosedConnection.Initiator.PEER;
                closeCode = code;
                closeReason = reason;
                // RFC 6455 §5.5.1: answer with a close frame, typically echoing the code.
                connection.write(encode(Opcode.CLOSE, true, ClosePayload.encode(code, "")), WriteCallback.NONE);
            }
        }
        // RFC 6455 §7.1.1: the server closes the TCP connection first; a client waits a while for it.
        if (config.client() && !reply) {
            armCloseTimer();
        } else {
            connection.closeAfterFlush();
            armCloseTimer();
        }
    }

    @Override
    public void onInputClosed(Connection c) {
        if (pendingFailure != null) {
            // The replies and the close frame are still to come; the close ends the socket after them.
            inputClosedWhileFailing = true;
            return;
        }
        connection.closeAfterFlush();
        armCloseTimer();
    }

    @Override
    public void onClosed(Connection c, Throwable cause) {
        pendingFailure = null;
        reader.release(); // event loop: the reader's thread
        MessageDeflater made;
        synchronized (this) {
            made = deflater;
        }
        if (made != null) {
            made.release(); // a fragmented message the application never finished, or the kept context
        }
        releaseCompression();
        int code;
        String reason;
        ClosedConnection.Initiator by;
        long sent;
        long messagesSent;
        synchronized (this) {
            code = closeCode;
            reason = closeReason;
            by = initiator;
            sent = bytesOut;
            messagesSent = messagesOut;
        }
        WebSocketListener l = listener;
        if (cause instanceof OutboundBudgetExceededException) {
            // Dropped as a slow consumer by the server's outbound budget: a policy, not a transport failure.
            code = CloseCodes.POLICY_VIOLATION;
            reason = cause.getMessage();
            by = ClosedConnection.Initiator.LOCAL;
            events.limitClosed(c.remoteAddress(), path, code, reason);
        } else if (cause != null) {
            LOG.log(System.Logger.Level.DEBUG, () -> c + " ended by " + cause);
            l.onTransportError(cause);
        }
        if (startedNanos != 0 && events != ProtocolEvents.NONE) {
            events.connectionClosed(new ClosedConnection(c.remoteAddress(), path, code, by,
                    System.nanoTime() - startedNanos, bytesIn, sent, messagesIn, messagesSent));
        }
        l.onClosed(code, reason);
    }

    /**
     * The runtime failed while handling this connection; the transport closes it after this call.
     * RFC 6455 §7.4.1: 1011, the server met a condition that prevented it from fulfilling the
     * request. The frame goes out if the socket takes it at once; nothing waits for it.
     */
    @Override
    public void onInternalError(Connection c, Throwable error) {
        failed = true;
        synchronized (this) {
            if (state != State.OPEN) {
                return; // a close frame is out already (sent, or echoed): nothing may follow it (§5.5.1)
            }
            state = State.CLOSE_SENT;
            initiator = ClosedConnection.Initiator.LOCAL;
            closeCode = CloseCodes.INTERNAL_ERROR;
            closeReason = "internal error";
            connection.write(encode(Opcode.CLOSE, true, ClosePayload.encode(CloseCodes.INTERNAL_ERROR, "")),
                    WriteCallback.NONE);
        }
    }

    /**
     * Fails the connection (RFC 6455 §7.1.7): nothing more is read, the close frame with the code
     * goes out, then the socket ends. Every message read before the failure has been delivered to
     * the session already; the close frame waits until the session has handled them and queued
     * what it sends in reply, so that a peer sees the answers to everything it sent before the
     * violation, then the close (Autobahn's strict order). The close timeout, armed now, bounds the
     * wait: a handler that never returns gets the close frame sent and the socket dropped then.
     * Event loop.
     */
    private void fail(int code, String message) {
        if (failed) {
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, () -> connection + " failed with " + code + ": " + message);
        failed = true;
        pendingFailure = new Failure(code, message);
        armCloseTimer();
        listener.afterDelivered(() -> onLoop(this::sendFailureClose));
    }

    /**
     * The session has handled what came before the failure, or the close timeout expired: the
     * close frame goes out behind the replies (unless a close frame is out already), and the
     * output ends after it. Event loop.
     */
    private void sendFailureClose() {
        Failure failure = pendingFailure;
        if (failure == null) {
            return; // sent already, or the socket is closed
        }
        pendingFailure = null;
        synchronized (this) {
            if (state == State.OPEN) {
                state = State.CLOSE_SENT;
                initiator = ClosedConnection.Initiator.LOCAL;
                closeCode = failure.code();
                closeReason = failure.reason();
                connection.write(encode(Opcode.CLOSE, true, ClosePayload.encode(failure.code(), failure.reason())),
                        WriteCallback.NONE);
            }
        }
        if (inputClosedWhileFailing) {
            connection.closeAfterFlush();
        } else {
            connection.shutdownOutputAfterFlush();
        }
    }

    /** 1008, 1009 and 1013 are what this side sends when a peer crossed a limit; 1002 and 1007 are protocol errors. */
    private static boolean isLimitCode(int code) {
        return code == CloseCodes.POLICY_VIOLATION || code == CloseCodes.MESSAGE_TOO_BIG
                || code == CloseCodes.TRY_AGAIN_LATER;
    }

    // ------------------------------------------------------------------ timers (event loop)

    @Override
    public long onTimer(Connection c, long now) {
        armedDeadline = 0;
        if (closeDeadline != 0 && now - closeDeadline >= 0) {
            LOG.log(System.Logger.Level.DEBUG, () -> c + ": no close from the peer within "
                    + config.closeTimeoutMillis() + " ms; dropping the connection");
            // A failure still waiting for the session's handlers: its close frame goes out if the socket takes it at once.
            sendFailureClose();
            c.abort(null);
            return 0;
        }
        if (closeDeadline != 0) {
            return closeDeadline;
        }
        if (c.readsSuspended()) {
            readsPausedAt = now; // this side is not reading: the peer's silence is ours
        }
        long idle = idleTimeoutNanos;
        if (idle > 0 && now - lastActivity() >= idle) {
            close(CloseCodes.GOING_AWAY, "idle timeout of " + TimeUnit.NANOSECONDS.toMillis(idle) + " ms expired",
                    CloseCodes.ABNORMAL);
            return closeDeadline;
        }
        long readIdle = readIdleNanos();
        if (readIdle > 0 && now - readSince(c.lastReadNanos()) >= readIdle) {
            String reason = "read idle timeout of " + config.readIdleTimeoutMillis() + " ms expired";
            events.stalled(c.remoteAddress(), path, "read-idle-timeout", reason);
            close(CloseCodes.GOING_AWAY, reason, CloseCodes.ABNORMAL);
            return closeDeadline;
        }
        long progress = readProgressNanos();
        if (progress > 0 && reader.isInsideFrameOrMessage() && now - readSince(progressSince) >= progress) {
            // RFC 6455 §7.1.7 fails the connection: the unfinished message is dropped. 1008 rather
            // than 1001: nothing is going away, the peer broke this side's rule on progress.
            String reason = "no data for " + config.readProgressTimeoutMillis() + " ms inside a "
                    + (reader.isInsideFrame() ? "frame" : "message") + " (read-progress-timeout)";
            events.stalled(c.remoteAddress(), path, "read-progress-timeout", reason);
            fail(CloseCodes.POLICY_VIOLATION, reason);
            return closeDeadline;
        }
        long ping = pingIntervalNanos();
        if (ping > 0 && (now - c.lastWriteNanos() >= ping || now - lastHeardOrPinged(c) >= ping)) {
            // Keep-alive: nothing went out for a while (NATs and load balancers forget silent
            // connections), or nothing came in: a peer that only listens to a busy stream has no
            // reason to send, so it is asked for a pong before read-idle-timeout takes it for gone.
            lastPingNanos = now;
            sendControl(Opcode.PING, KEEP_ALIVE_PAYLOAD.duplicate(), WriteCallback.NONE);
        }
        long next = nextDeadline(now);
        armedDeadline = next;
        return next;
    }

    /**
     * When the session last saw a data frame in or out, or the socket took bytes of one still
     * queued: pings and pongs are not messages, so keep-alive does not defeat the idle timeout.
     */
    private long lastActivity() {
        long data = lastDataNanos;
        long write = connection.lastWriteNanos();
        return connection.queuedBytes() > 0 && write - data > 0 ? write : data;
    }

    /** The later of when the peer was last heard (see {@link #readSince}) and when it was last pinged. Event loop. */
    private long lastHeardOrPinged(Connection c) {
        long heard = readSince(c.lastReadNanos());
        return lastPingNanos != 0 && lastPingNanos - heard > 0 ? lastPingNanos : heard;
    }

    /** A read timestamp, moved on to when this side last held reading back: the peer could not be heard then. */
    private long readSince(long lastRead) {
        return readsPausedAt != 0 && readsPausedAt - lastRead > 0 ? readsPausedAt : lastRead;
    }

    /** The earliest of the idle, read-idle, read-progress and keep-alive deadlines; 0 for none. Event loop. */
    private long nextDeadline(long now) {
        long next = 0;
        long idle = idleTimeoutNanos;
        if (idle > 0) {
            next = earliest(next, lastActivity() + idle);
        }
        long readIdle = readIdleNanos();
        if (readIdle > 0) {
            next = earliest(next, readSince(connection.lastReadNanos()) + readIdle);
        }
        long progress = readProgressNanos();
        if (progress > 0 && reader.isInsideFrameOrMessage()) {
            next = earliest(next, readSince(progressSince) + progress);
        }
        long ping = pingIntervalNanos();
        if (ping > 0) {
            // A ping just sent counts as a write only once the socket took it: look again a little later at the latest.
            long due = earliest(connection.lastWriteNanos() + ping, lastHeardOrPinged(connection) + ping);
            next = earliest(next, Math.max(due, now + ping / 8));
        }
        if (next != 0 && connection.readsSuspended()) {
            // While this side holds reading back, look again soon enough to keep the read clocks paused.
            long paused = Math.min(readIdle > 0 ? readIdle : Long.MAX_VALUE, progress > 0 ? progress : Long.MAX_VALUE);
            if (paused != Long.MAX_VALUE) {
                next = earliest(next, now + paused / 2);
            }
        }
        return next;
    }

    private static long earliest(long a, long b) {
        return a == 0 || b - a < 0 ? b : a;
    }

    private long readIdleNanos() {
        return TimeUnit.MILLISECONDS.toNanos(config.readIdleTimeoutMillis());
    }

    private long pingIntervalNanos() {
        return TimeUnit.MILLISECONDS.toNanos(config.pingIntervalMillis());
    }

    private long readProgressNanos() {
        return TimeUnit.MILLISECONDS.toNanos(config.readProgressTimeoutMillis());
    }

    private void armTimer() {
        schedule(closeDeadline != 0 ? closeDeadline : nextDeadline(System.nanoTime()));
    }

    private void schedule(long deadline) {
        armedDeadline = deadline;
        connection.scheduleTimer(deadline);
    }

    private void armCloseTimer() {
        if (closeDeadline == 0) {
            closeDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.closeTimeoutMillis());
            schedule(closeDeadline);
        }
    }

    private void onLoop(Runnable task) {
        if (connection.loop().inLoop()) {
            task.run();
        } else {
            connection.loop().execute(task);
        }
    }

    // ------------------------------------------------------------------ outbound (any thread)

    /** Sends a whole message in one frame. Fails once the close handshake began. */
    public void sendMessage(MessageKind kind, ByteBuffer payload, SendCallback callback) {
        if (compresses(payload.remaining())) {
            MessageDeflater compressor = deflater();
            if (compressor.keepsContext()) {
                // Context takeover: the peer inflates in the order of the wire, so compress and queue as one.
                synchronized (compressor) {
                    sendData(kind.opcode(), true, RSV1, compressor.compress(payload), callback);
                }
            } else {
                ByteBuffer compressed = compressor.compress(payload);
                if (compressed != null) {
                    sendData(kind.opcode(), true, RSV1, compressed, callback);
                } else {
                    sendData(kind.opcode(), true, payload, callback); // it did not compress
                }
            }
        } else {
            sendData(kind.opcode(), true, payload, callback);
        }
    }

    /** Whether a message of this many bytes goes compressed (RFC 7692 §6.1: any message may go without RSV1). */
    private boolean compresses(int length) {
        return deflatesOutbound() && length >= deflateThreshold;
    }

    private boolean deflatesOutbound() {
        return compression != null && compression.deflateOutbound();
    }

    /** The deflater, made by the first message that goes compressed. */
    private MessageDeflater deflater() {
        synchronized (this) {
            if (deflater == null) {
                deflater = new MessageDeflater(compression.pool(), compression.keepsOwnContext());
            }
            return deflater;
        }
    }

    /**
     * Sends one fragment of a message sent in parts (RFC 6455 §5.4): the first frame carries the
     * message's kind, the frames after it are continuations.
     */
    public void sendFragment(MessageKind kind, boolean first, boolean last, ByteBuffer payload, SendCallback callback) {
        int opcode = first ? kind.opcode() : Opcode.CONTINUATION;
        if (first) {
            // Judged by the first fragment: the message's size is not known yet.
            fragmentsCompressed = compresses(payload.remaining());
        }
        if (fragmentsCompressed && state == State.OPEN) { // once closing the send fails: borrow nothing for it
            // RFC 7692 §6.1: RSV1 on the first frame only; the continuations carry the rest of the compressed data.
            sendData(opcode, last, first ? RSV1 : 0, deflater().compressFragment(payload, first, last), callback);
        } else {
            sendData(opcode, last, payload, callback);
        }
    }

    /** Sends one data frame (text, binary or continuation). Fails once the close handshake began. */
    private void sendData(int opcode, boolean fin, ByteBuffer payload, WriteCallback callback) {
        sendData(opcode, fin, 0, payload, callback);
    }

    private void sendData(int opcode, boolean fin, int rsv, ByteBuffer payload, WriteCallback callback) {
        if (!Opcode.isControl(opcode)) {
            lastDataNanos = System.nanoTime();
        }
        ByteBuffer copy = copiedFrame(opcode, fin, rsv, payload);
        if (copy != null) {
            send(copy, null, callback, fin && !Opcode.isControl(opcode));
        } else {
            send(null, headerAndPayload(opcode, fin, rsv, payload), callback, fin && !Opcode.isControl(opcode));
        }
    }

    /**
     * Sends a whole text message. A server encodes a short one straight into its frame (no encoded
     * copy first), shared with the other connections it is sent to (see {@link SharedTextFrames});
     * otherwise as {@link #sendData} with the UTF-8 bytes.
     */
    public void sendText(String text, SendCallback callback) {
        lastDataNanos = System.nanoTime();
        if (deflatesOutbound() && (long) text.length() * 3 >= deflateThreshold) {
            // Up to 3 bytes per char: it may reach the threshold; sendMessage decides by the bytes.
            sendMessage(MessageKind.TEXT, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
        } else if (sharedFrames != null && text.length() <= SharedTextFrames.MAX_CHARS) {
            // Unmasked, and never changed once encoded: a broadcast's recipients share one frame.
            send(sharedFrames.frame(text), null, callback, true);
        } else if (!config.client() && text.length() <= COPY_THRESHOLD / 3) {
            // At most 3 UTF-8 bytes per char (a surrogate pair: 4 for 2), so the frame stays within the copy threshold.
            send(FrameWriter.unmaskedTextFrame(true, text), null, callback, true);
        } else {
            sendData(Opcode.TEXT, true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
        }
    }

    /** Writes an owned frame (ours alone: the connection may hold it while corked), or else the buffers. */
    /** @param endsMessage whether the frame is the last of a data message, for the message count */
    private void send(ByteBuffer ownedFrame, ByteBuffer[] buffers, WriteCallback callback, boolean endsMessage) {
        synchronized (this) {
            if (state == State.OPEN) {
                // Counted under the lock the send takes anyway: plain fields, no atomic per frame.
                if (endsMessage) {
                    messagesOut++;
                }
                long bytes = 0;
                if (ownedFrame != null) {
                    bytes = ownedFrame.remaining();
                    connection.writeOwned(ownedFrame, callback);
                } else {
                    for (ByteBuffer b : buffers) {
                        bytes += b.remaining();
                    }
                    connection.write(buffers, callback);
                }
                bytesOut += bytes;
                TrafficCounter counter = traffic;
                if (counter != null) {
                    counter.sent(bytes, endsMessage);
                }
                return;
            }
        }
        callback.written(new SendFailedException("the WebSocket connection is closing or closed"));
    }

    /** Sends a ping or pong (at most 125 bytes). */
    private void sendControl(int opcode, ByteBuffer payload, WriteCallback callback) {
        if (payload.remaining() > 125) {
            throw new IllegalArgumentException("control frame payload of " + payload.remaining()
                    + " bytes is over 125 (RFC 6455 §5.5)");
        }
        sendData(opcode, true, payload, callback);
    }

    /**
     * Sends a ping the application asked for ({@code RemoteEndpoint.sendPing}), at most 125 bytes.
     * Unlike this layer's keep-alive pings it is the session's own activity and delays its idle
     * timeout (the Jakarta WebSocket TCK's remoteendpoint tests expect that).
     */
    public void sendPing(ByteBuffer payload, SendCallback callback) {
        sendApplicationControl(Opcode.PING, payload, callback);
    }

    /** Sends a pong the application asked for ({@code RemoteEndpoint.sendPong}); as {@link #sendPing}. */
    public void sendPong(ByteBuffer payload, SendCallback callback) {
        sendApplicationControl(Opcode.PONG, payload, callback);
    }

    private void sendApplicationControl(int opcode, ByteBuffer payload, WriteCallback callback) {
        lastDataNanos = System.nanoTime();
        sendControl(opcode, payload, callback);
    }

    /**
     * Drops a peer that does not read: its outbound queue is full, so no close frame could reach
     * it. The socket is reset; the local side reports {@code code} and {@code reason}. Any thread.
     */
    public void dropUnreadingPeer(int code, String reason) {
        synchronized (this) {
            if (state == State.OPEN) {
                state = State.CLOSE_SENT;
                initiator = ClosedConnection.Initiator.LOCAL;
                closeCode = code;
                closeReason = reason;
            }
        }
        LOG.log(System.Logger.Level.DEBUG, () -> connection + " dropped: " + reason);
        if (isLimitCode(code)) {
            events.limitClosed(connection.remoteAddress(), path, code, reason);
        }
        connection.abort(null);
    }

    /**
     * Starts the close handshake with {@code code} and {@code reason} (cut to 123 bytes). Does
     * nothing if it has begun already. Any thread. A code that only describes a close (1005, 1006,
     * 1015) or is not allowed in a close frame becomes a close without a code (RFC 6455 §7.4.1).
     */
    public void close(int code, String reason) {
        int sent = CloseCodes.isValidOnWire(code) ? code : CloseCodes.NO_STATUS;
        close(sent, reason, sent);
    }

    /**
     * Starts the close handshake sending {@code code}, while the local side reports
     * {@code localCode} when the connection is closed (an idle timeout tells the peer 1001 but is,
     * for this side, the abnormal end of the session: 1006, as Jakarta WebSocket runtimes report it).
     */
    private void close(int code, String reason, int localCode) {
        synchronized (this) {
            if (state != State.OPEN) {
                return;
            }
            state = State.CLOSE_SENT;
            initiator = ClosedConnection.Initiator.LOCAL;
            closeCode = localCode;
            closeReason = reason == null ? "" : reason;
            connection.write(encode(Opcode.CLOSE, true, ClosePayload.encode(code, reason)), WriteCallback.NONE);
        }
        onLoop(this::armCloseTimer);
    }

    private ByteBuffer[] encode(int opcode, boolean fin, ByteBuffer payload) {
        ByteBuffer copy = copiedFrame(opcode, fin, 0, payload);
        return copy != null ? new ByteBuffer[] {copy} : headerAndPayload(opcode, fin, 0, payload);
    }

    /** The whole frame in one new buffer (a client's is always masked, so always a copy); null if too large to copy. */
    private ByteBuffer copiedFrame(int opcode, boolean fin, int rsv, ByteBuffer payload) {
        if (config.client()) {
            return FrameWriter.maskedFrame(fin, rsv, opcode, payload, maskKeys.getAsInt());
        }
        return payload.remaining() <= COPY_THRESHOLD ? FrameWriter.unmaskedFrame(fin, rsv, opcode, payload) : null;
    }

    /** A large server frame: its header, then the caller's payload itself, not copied. */
    private static ByteBuffer[] headerAndPayload(int opcode, boolean fin, int rsv, ByteBuffer payload) {
        int length = payload.remaining();
        ByteBuffer header = ByteBuffer.allocate(FrameWriter.headerLength(length, false));
        FrameWriter.writeHeader(header, fin, rsv, opcode, length, false, 0);
        return new ByteBuffer[] {header.flip(), payload.slice()};
    }
}
