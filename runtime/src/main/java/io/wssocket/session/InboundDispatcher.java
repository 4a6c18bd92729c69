package io.wssocket.session;

import io.wssocket.message.MessageAssembler;
import io.wssocket.message.MessageBuffer;
import io.wssocket.message.MessageLimitException;
import io.wssocket.message.MessageStream;
import io.wssocket.protocol.ConnectionFailure;
import io.wssocket.protocol.WebSocketConnection;
import io.wssocket.protocol.WebSocketListener;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import java.nio.ByteBuffer;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.BooleanSupplier;

/**
 * Turns message pieces from the event loop into calls of the session's message handlers on the
 * session's serial executor. The message layer ({@link MessageAssembler}, on the loop) gathers
 * whole messages so endpoint code gets them in one piece, and cuts pieces for partial handlers;
 * this class picks the handler, delivers, and bounds what waits.
 *
 * <p>A handler of whole messages as a {@code Reader} or {@code InputStream}, or of a type whose
 * first decoder is a stream decoder, is not given a gathered message: it (or its decoder) is called
 * on a message's first piece with a stream ({@link MessageStream}) that the loop feeds as pieces arrive, through at most {@link #STREAM_BOUND} bytes (more pauses reading until
 * the handler has read half of them). So such a message is not bounded by the session's buffer
 * size, only by the protocol's max-message-size. The handler runs on the serial executor like any
 * other, so messages after it are handled only once it returned; what it left unread is discarded.
 *
 * <p>What waits for endpoint code is bounded in messages and in bytes: when more than
 * max-pending-messages, or more than max-pending-bytes, wait, reading from the socket pauses until
 * handlers have caught up to half of both (a message larger than the byte limit is still
 * delivered: the limit pauses what follows it). Every byte gathered or waiting is also counted in
 * the container's {@link InboundBudget} and released when its message is handled, or when the
 * connection closes while the message is still being gathered.
 */
final class InboundDispatcher implements WebSocketListener, MessageStream.Owner, BooleanSupplier {
    private static final System.Logger LOG = System.getLogger(InboundDispatcher.class.getName());
    /**
     * Bytes of a streamed message that may wait for its handler before reading pauses: a few
     * reads' worth, so the loop and the handler overlap, yet a fixed, small amount per message.
     */
    static final long STREAM_BOUND = 64 * 1024;

    private static final AtomicIntegerFieldUpdater<InboundDispatcher> PENDING =
            AtomicIntegerFieldUpdater.newUpdater(InboundDispatcher.class, "pending");
    private static final AtomicLongFieldUpdater<InboundDispatcher> PENDING_BYTES =
            AtomicLongFieldUpdater.newUpdater(InboundDispatcher.class, "pendingBytes");
    private static final AtomicIntegerFieldUpdater<InboundDispatcher> RESUME_QUEUED =
            AtomicIntegerFieldUpdater.newUpdater(InboundDispatcher.class, "resumeQueued");

    private final WsSession session;
    private final WebSocketConnection ws;
    private final int maxPending;
    private final long maxPendingBytes;
    private final InboundBudget budget;
    /** Messages handed to the serial executor, not yet handled; a plain field: one object less per session. */
    private volatile int pending;
    /** Their bytes (what the peer sent: UTF-8 for text). */
    private volatile long pendingBytes;
    /** Reading is paused because too much waits for this session's handlers; set on the loop. */
    private volatile boolean pausedForBacklog;
    /** 1 while a task that may resume reading is queued on the loop: one per catch-up, not one per message. */
    private volatile int resumeQueued;
    /** Whether this dispatcher holds a cork on the connection; serial executor only. */
    private boolean corked;

    // Event loop only. The assembler is made when the first message arrives: an idle session has none.
    private MessageAssembler messages;
    /** Reading is paused until the container's inbound budget has room again. */
    private boolean waitingForBudget;
    private boolean opened;
    private boolean warnedUnhandled;
    private MessageHandlers.Registration textTarget;
    private MessageHandlers.Registration binaryTarget;
    /** The message being streamed to a Reader or InputStream handler, until its last piece. */
    private MessageStream streaming;
    /** Streams that paused reading because their handler has not read what waits (see {@link MessageStream#append}). */
    private int streamPauses;

    /** The session's handlers and serial executor are its own: asked of it, not held twice (8 bytes per session). */
    InboundDispatcher(WsSession session, WebSocketConnection ws,
                      int maxPending, long maxPendingBytes, InboundBudget budget) {
        this.session = session;
        this.ws = ws;
        this.maxPending = maxPending;
        this.maxPendingBytes = maxPendingBytes;
        this.budget = budget;
    }

    /**
     * Whether the calling thread is the one that reads the connection: the session's serial
     * executor asks before it runs a task that waits for the peer's input. The dispatcher answers
     * it rather than a method reference the session would hold.
     */
    @Override
    public boolean getAsBoolean() {
        return ws.inLoop();
    }

    @Override
    public void onText(ByteBuffer chunk, boolean first, boolean last) throws ConnectionFailure {
        if (first) {
            // The handler in place when a message starts receives all of it.
            textTarget = session.handlers().text();
            if (textTarget == null) {
                unhandled("text");
            }
        }
        MessageHandlers.Registration target = textTarget;
        if (target == null) {
            return; // the rest of a message no handler takes (the wire layer still checks its UTF-8)
        }
        if (target.streamed()) {
            stream(target, chunk, first, last);
            return;
        }
        String text;
        try {
            text = messages().text(chunk, first, last, target.partial(), session.getMaxTextMessageBufferSize(),
                    ws.loopScratch(), ws.dataBytesAnnounced());
        } catch (MessageLimitException e) {
            throw refused(e);
        }
        if (text != null) {
            deliverAssembled(target, text, last);
        }
    }

    @Override
    public void onBinary(ByteBuffer chunk, boolean first, boolean last) throws ConnectionFailure {
        if (first) {
            binaryTarget = session.handlers().binary();
            if (binaryTarget == null) {
                unhandled("binary");
            }
        }
        MessageHandlers.Registration target = binaryTarget;
        if (target == null) {
            return;
        }
        if (target.streamed()) {
            stream(target, chunk, first, last);
            return;
        }
        byte[] bytes;
        try {
            bytes = messages().binary(chunk, first, last, target.partial(), session.getMaxBinaryMessageBufferSize(),
                    ws.dataBytesAnnounced());
        } catch (MessageLimitException e) {
            throw refused(e);
        }
        if (bytes != null) {
            // Whole messages are converted on the serial executor (MessageHandlers.convert); pieces here.
            boolean wrap = target.partial() && target.payload() == MessageHandlers.Payload.BYTE_BUFFER;
            deliverAssembled(target, wrap ? ByteBuffer.wrap(bytes) : bytes, last);
        }
    }

    /**
     * A piece of a streamed message. Its first piece hands the stream to the handler (on the serial
     * executor, after the messages before it); each piece is copied into the stream, and reading
     * pauses while too much of it waits. Event loop.
     */
    private void stream(MessageHandlers.Registration target, ByteBuffer chunk, boolean first, boolean last) {
        if (first) {
            streaming = new MessageStream(STREAM_BOUND, this);
            // One message waiting, of no bytes: its bytes are counted as they wait in the stream.
            deliver(target, streaming, true, 0);
        }
        MessageStream stream = streaming;
        if (last) {
            streaming = null;
        }
        if (stream.append(chunk, last) && streamPauses++ == 0) {
            ws.suspendReads();
        }
    }

    /** Bytes of a streamed message now wait in its stream: counted like any inbound bytes. Event loop. */
    @Override
    public void held(long bytes) {
        if (!budget.reserve(bytes)) {
            waitForBudget();
        }
    }

    /** Bytes of a streamed message were read or discarded. The handler's thread. */
    @Override
    public void released(long bytes) {
        budget.release(bytes);
    }

    /** A stream that paused reading was read down to half its bound, or given up on. The handler's thread. */
    @Override
    public void drained() {
        ws.executeOnLoop(() -> {
            if (--streamPauses == 0) {
                resumeIfAllowed();
            }
        });
    }

    /**
     * A handler reading a streamed message waits for the peer to send more: the callback pool lends
     * a spare thread meanwhile, as it does for a send waiting on a peer that does not read, so
     * peers that send slowly do not take the threads other sessions need. At the pool's ceiling it
     * just waits (read-progress-timeout bounds how long a peer may leave a message unfinished).
     */
    @Override
    public void waitForPeer(Runnable wait) {
        try {
            PeerWait.run(() -> {
                wait.run();
                return null;
            });
        } catch (RejectedExecutionException e) {
            wait.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // cannot happen: the wait is uninterruptible
        }
    }

    private MessageAssembler messages() {
        if (messages == null) {
            messages = new MessageAssembler(budget);
        }
        return messages;
    }

    /**
     * A message crossed a limit: the connection fails. Too big for the session's buffer: 1009. No
     * room in the container's inbound budget for the rest of a message being gathered: 1013, RFC
     * 6455 §7.4.1 and the IANA registry, "try again later", a condition of the server, not of the
     * peer's data.
     */
    private static ConnectionFailure refused(MessageLimitException e) {
        CloseReason.CloseCodes code = e.limit() == MessageLimitException.Limit.BUFFER_SIZE
                ? CloseReason.CloseCodes.TOO_BIG : CloseReason.CloseCodes.TRY_AGAIN_LATER;
        return new ConnectionFailure(code.getCode(), e.getMessage());
    }

    /**
     * What the assembler gave: a gathered message, whose bytes were counted in the budget while it
     * arrived and now wait for endpoint code; or a message or piece read in one frame, counted now.
     */
    private void deliverAssembled(MessageHandlers.Registration target, Object message, boolean last) {
        if (messages.isCounted()) {
            deliver(target, message, last, messages.size());
        } else {
            deliverRead(target, message, last, messages.size());
        }
    }

    /**
     * A message, or a piece for a partial handler, that arrived in one read: it has been read
     * already, so it is delivered and counted; if the container's budget is now exceeded, this
     * session stops reading until the budget has room again.
     */
    private void deliverRead(MessageHandlers.Registration target, Object message, boolean last, long size) {
        if (!budget.reserve(size)) {
            waitForBudget();
        }
        deliver(target, message, last, size);
    }

    /** Event loop. */
    private void waitForBudget() {
        if (waitingForBudget) {
            return;
        }
        waitingForBudget = true;
        ws.suspendReads();
        budget.whenWithin(() -> ws.executeOnLoop(() -> {
            waitingForBudget = false;
            resumeIfAllowed();
        }));
    }

    /**
     * A message arrived while no handler for its type was registered: it is dropped and the
     * session stays open, as in the reference implementation. Handlers may be added at any time
     * (a client typically adds them after connectToServer returns, while the server may already
     * be sending), so such a message is not a protocol error; closing with 1003 would turn that
     * race into a lost connection. Logged at WARNING once per session, then at DEBUG.
     */
    private void unhandled(String type) {
        System.Logger.Level level = warnedUnhandled ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING;
        warnedUnhandled = true;
        LOG.log(level, () -> "session " + session.getId() + ": a " + type + " message arrived while no " + type
                + " message handler was registered; dropped");
    }

    @Override
    public void onPong(ByteBuffer payload) {
        MessageHandlers.Registration target = session.handlers().pong();
        if (target != null) {
            ByteBuffer copy = ByteBuffer.wrap(MessageBuffer.bytes(payload)).asReadOnlyBuffer();
            PongMessage pong = () -> copy.duplicate();
            deliverRead(target, pong, true, copy.remaining());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void deliver(MessageHandlers.Registration target, Object message, boolean last, long size) {
        int waiting = PENDING.incrementAndGet(this);
        long waitingBytes = PENDING_BYTES.addAndGet(this, size);
        if (!pausedForBacklog && (waiting > maxPending || waitingBytes > maxPendingBytes)) {
            pausedForBacklog = true;
            ws.suspendReads();
        }
        Runnable delivery = () -> {
            cork();
            try {
                if (target.partial()) {
                    ((MessageHandler.Partial) target.handler()).onMessage(message, last);
                } else if (target.streamed()) {
                    ((MessageHandler.Whole) target.handler()).onMessage(session.handlers().streamed(target, (MessageStream) message));
                } else {
                    ((MessageHandler.Whole) target.handler()).onMessage(session.handlers().convert(target, message));
                }
            } catch (DecodeException | RuntimeException e) {
                session.onEndpointError(e);
            } catch (Error e) {
                session.onEndpointFailure(e);
            } finally {
                if (target.streamed()) {
                    ((MessageStream) message).discard(); // what the handler left unread
                }
                handled(size);
            }
        };
        session.serial().execute(target.streamed() ? (SerialExecutor.WaitsForInput) delivery::run : delivery);
    }

    /** A delivered message was handled: its bytes are released, and reading may resume. Serial executor. */
    private void handled(long size) {
        int left = PENDING.decrementAndGet(this);
        long leftBytes = PENDING_BYTES.addAndGet(this, -size);
        budget.release(size);
        if (pausedForBacklog && caughtUp(left, leftBytes) && RESUME_QUEUED.compareAndSet(this, 0, 1)) {
            ws.executeOnLoop(() -> {
                resumeQueued = 0;
                if (pausedForBacklog && caughtUp(pending, pendingBytes)) {
                    pausedForBacklog = false;
                    resumeIfAllowed();
                }
            });
        }
        if (left == 0) {
            uncork();
        }
    }

    /** Handlers have caught up to half of both limits (not just under them: reading does not flap per message). */
    private boolean caughtUp(int messages, long bytes) {
        return messages <= maxPending / 2 && bytes <= maxPendingBytes / 2;
    }

    /** Resumes reading unless a bound still holds it paused, or the session has not opened yet. Event loop. */
    private void resumeIfAllowed() {
        if (opened && !pausedForBacklog && !waitingForBudget && streamPauses == 0) {
            ws.resumeReads();
        }
    }

    /** The endpoint's onOpen has run (its handlers are registered): reading starts, unless a bound holds it. Event loop. */
    void startReading() {
        opened = true;
        resumeIfAllowed();
    }

    /**
     * While messages wait, the connection stays corked: the replies that their handlers send leave
     * together when the last one is handled, in one write instead of one each (the connection
     * bounds what it holds, and flushes it if a handler blocks). Serial executor.
     */
    private void cork() {
        if (!corked) {
            corked = true;
            ws.cork();
        }
    }

    private void uncork() {
        if (corked) {
            corked = false;
            ws.uncork();
        }
    }

    /**
     * The connection fails: its close frame waits for the messages handed to the serial executor
     * before it, and for what their handlers send (a blocking send has queued its frame when it
     * returns), so it runs as the next task. Event loop.
     */
    @Override
    public void afterDelivered(Runnable task) {
        // Nothing more arrives: a handler reading a streamed message must not hold the close frame
        // back by waiting for the rest (it would wait for the close timeout).
        cutOff("the connection failed");
        session.serial().execute(task);
    }

    /** The message being streamed will not be completed. Event loop. */
    private void cutOff(String why) {
        if (streaming != null) {
            // Its handler, reading, gets what arrived and then an IOException rather than waiting forever.
            streaming.fail(why);
            streaming = null;
        }
    }

    @Override
    public void onClosed(int code, String reason) {
        // A message cut off by the close is dropped; those waiting are still handled and release their own bytes.
        if (messages != null) {
            messages.drop();
        }
        cutOff("the connection closed (" + code + (reason == null || reason.isEmpty() ? "" : ", " + reason) + ")");
        session.serial().execute(() -> session.onClosed(code, reason));
    }

    @Override
    public void onTransportError(Throwable error) {
        session.serial().execute(() -> session.onEndpointError(error));
    }
}
