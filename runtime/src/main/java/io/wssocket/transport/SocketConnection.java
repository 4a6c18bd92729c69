package io.wssocket.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import io.wssocket.transport.WriteQueue.PendingWrite;

/**
 * One socket owned by one {@link EventLoop}. Reads happen on the loop and go to the current
 * {@link ConnectionHandler}. Writes may come from any thread: a write to an idle socket is
 * attempted at once on the caller's thread; whatever the socket does not take is queued and
 * flushed by the loop with gathering writes. The queue reports crossing its high and low water
 * marks and refuses writes beyond its hard limit.
 *
 * <p>Tasks for the loop: what other threads ask of the loop for one connection is coalesced, so
 * a connection never has more than one task of each kind queued however often it is asked (read
 * interest: the last wish made elsewhere wins; write interest; an abort: the first cause wins). The other steps
 * (a TLS handshake's resumption, the end after a flush) happen once per step of its life.
 *
 * <h2>Threads and the one lock</h2>
 * Three kinds of thread touch a connection: its <b>event loop</b> (reads and TLS unwraps, flushes
 * of the queue, timers, since the {@link TimerWheel} fires on the loop, the loop's check of held
 * frames, and the close); <b>application threads</b> (a session's senders and the thread that
 * runs its callbacks) that write, cork and uncork, end the output, or ask {@link #isWritable()}
 * and {@link #queuedBytes()}; and, during a TLS handshake with delegated tasks, a
 * {@link TlsHandshakes} thread, which runs the engine's tasks and takes no lock: reads wait for
 * it, and writers do not use the engine before the handshake has finished (see {@link TlsIo}).
 * Any writing thread may also be the one that sheds the server's {@link OutboundBudget}, which
 * takes the lock of the connection it drops or measures.
 *
 * <p>There is one lock: this object's monitor. Nothing outside this class synchronizes on a
 * connection. It guards, field by field:
 * <ul>
 * <li>the outbound queue: {@code queue} (its writes and their buffers' positions) and {@code queuedBytes};
 * <li>corking: {@code corks}, {@code holding}, {@code holdingSince}, {@code watchedByLoop};
 * <li>the water marks: {@code writable}, {@code reportedWritable}, {@code reportingWritability};
 * <li>the server's budget: {@code heavy}, {@code leftBudget}, and this connection's share of the
 *     budget's count, which changes with {@code queuedBytes};
 * <li>the end of output: {@code outputShutdown}, {@code closeWhenFlushed}, {@code shutdownOutputWhenFlushed};
 * <li>TLS: every call into {@code tls} (the engine's wraps and unwraps, the records waiting for
 *     the socket); the field itself is set once by the loop, under the lock, and read by the loop
 *     without it;
 * <li>the socket's output: every {@code channel.write}, so bytes and records reach the socket in
 *     the order they were queued.
 * </ul>
 * Why not a TLS lock of its own: a write to an idle socket is wrapped and written on the writer's
 * thread, so the engine is not the loop's alone, and the order of wraps must be the order of the
 * queue; a second lock would always be taken inside this one and protect nothing more.
 * Everything else is the loop's alone ({@code closed}, read interest, {@code tlsTasksRunning},
 * {@code key}, {@code pendingEngine}, {@code handshakePlace}, the timer fields, {@code loopIndex}),
 * volatile or atomic (the handler, the listener, the read wish, the queued-task flags, the times
 * of the last read and write), or published through the loop's lock-free stack ({@code nextHolding}).
 * Other threads learn of the close from the channel ({@link #isOpen()}) and from {@code outputShutdown}.
 *
 * <p>Order, from outside in:
 * <ol>
 * <li>a caller's own locks: the protocol layer writes under its state lock, and a blocking
 *     sender asks {@link #isWritable()} holding the monitor it waits on; the budget's shedding
 *     lock while it drops or measures a connection;
 * <li>this lock, of one connection at a time: no code holds two connections' locks. A write
 *     lets go of it before it sheds the budget, so the budget's lock is never taken inside it;
 * <li>inside it, only leaves: locks that are held briefly and call nothing back, the JDK's own
 *     (the socket channel's write and state locks, the engine's, the selector's for a key's
 *     interest set and for a wakeup) and the bins of the budget's concurrent set of heavy
 *     connections; the loop's task queue and its stack of held connections take no lock.
 * </ol>
 * The lock is never held while waiting (the socket is non-blocking), and no callback into other
 * code runs under it: {@link WriteCallback}s, the {@link WritabilityListener}, the
 * {@link ConnectionHandler} and the closing hook all run after it was let go. That is what makes
 * the order above safe: a listener that woke a blocking sender under this lock would take the
 * sender's monitor inside ours, while the sender takes ours inside its own.
 *
 * <p>Callbacks: every write's callback runs exactly once, on the writing thread when the socket
 * (or a cork) takes it at once, otherwise on the loop when it is written or the connection closes.
 * Bytes reach the socket in the order written, but callbacks of different writes are not ordered
 * among themselves: a write that completes at once may be told before an earlier one that the
 * loop finished and has not told yet. Writability changes are told one at a time, alternately,
 * by whichever thread made or found the change (see {@link #reportWritability()}); a close
 * tells nothing. A callback or a listener may thus run on a writer's thread inside the writer's
 * own locks (the protocol's state lock): it must not take a lock that someone holds while
 * waiting for that one.
 */
public final class SocketConnection implements Connection {
    private static final System.Logger LOG = System.getLogger(SocketConnection.class.getName());
    private static final AtomicIntegerFieldUpdater<SocketConnection> READ_INTEREST_QUEUED =
            AtomicIntegerFieldUpdater.newUpdater(SocketConnection.class, "readInterestQueued");
    private static final AtomicIntegerFieldUpdater<SocketConnection> WRITE_INTEREST_QUEUED =
            AtomicIntegerFieldUpdater.newUpdater(SocketConnection.class, "writeInterestQueued");
    private static final AtomicIntegerFieldUpdater<SocketConnection> ABORT_QUEUED =
            AtomicIntegerFieldUpdater.newUpdater(SocketConnection.class, "abortQueued");
    private static final int MAX_GATHER = 64;
    /**
     * While corked, owned frames are held up to this many bytes, and never more than the low water
     * mark or the queue's limit, so that holding never makes the connection unwritable or full ...
     */
    private static final long MAX_HELD_BYTES = 16 * 1024;
    /**
     * ... and for at most this long: a write that finds older held frames flushes them, and the
     * loop flushes frames held this long by a corking thread that went on to block in user code.
     */
    static final long MAX_HOLD_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(1);

    private final SocketChannel channel;
    private final EventLoop loop;
    private final TransportConfig config;
    /**
     * The socket's peer, until a proxy in front tells the client's address ({@link #reportRemoteAddress});
     * written on the loop before the handshake hands the connection to other threads.
     */
    private volatile InetSocketAddress remoteAddress;
    private final SocketAddress localAddress;
    /** TLS on this socket, or null for plain TCP; set on the loop thread under the lock, before any data after it. */
    private TlsIo tls;
    private SSLEngine pendingEngine;
    /** A server handshake's place among those allowed at once; released when it ends. Loop thread. */
    private TlsHandshakes.Place handshakePlace;
    private final Runnable onClosed;
    private SelectionKey key;
    private volatile ConnectionHandler handler;
    private volatile WritabilityListener writabilityListener = WritabilityListener.NONE;

    // Outbound state, guarded by 'this' (see the class comment).
    /**
     * Writes not yet taken by the socket, and held frames: the shared empty {@link WriteQueue#NONE}
     * until the first write the socket does not take at once, so a connection that never had to
     * queue holds no queue.
     */
    private WriteQueue queue = WriteQueue.NONE;
    private long queuedBytes;
    /** The server's budget for all connections' queued bytes, which this one's are counted in. */
    private final OutboundBudget budget;
    /** Above the low water mark: a candidate for dropping when the budget runs out. */
    private boolean heavy;
    /** Dropped over the budget: its bytes are no longer counted there. */
    private boolean leftBudget;
    /** Callers that corked the connection and did not uncork it yet (see {@link #cork()}). */
    private int corks;
    /** The queue holds only frames held by a cork, and the loop was not asked to flush them. */
    private boolean holding;
    /** Whether a read's handling is corked (option callbacks-on-loop: its replies leave together). Loop thread. */
    private boolean holdWritesWhileReading;
    private long holdingSince;
    /** In the loop's list of connections that hold frames (see {@link EventLoop#watchHeld}). */
    private boolean watchedByLoop;
    private boolean writable = true;
    /** What the writability listener was last told (see {@link #reportWritability()}). */
    private boolean reportedWritable = true;
    /** A thread is telling the listener now: others leave the telling of their change to it. */
    private boolean reportingWritability;
    private boolean outputShutdown;
    private boolean closeWhenFlushed;
    private boolean shutdownOutputWhenFlushed;

    /**
     * The next connection in the loop's list of those holding frames; not guarded by the lock:
     * written by the thread that pushes this one (before its compare-and-set publishes it), or the loop.
     */
    SocketConnection nextHolding;

    // Loop-thread state.
    private boolean closed;
    /** OP_READ is in the key's interest set. */
    private boolean readInterest = true;
    /** The TLS handshake's delegated tasks run elsewhere: reading waits for them. */
    private boolean tlsTasksRunning;
    /** Whether reads are wanted, as the loop last applied it. */
    private boolean readsWanted = true;
    /** What suspendReads/resumeReads asked last from another thread; a task queued on the loop applies it. */
    private volatile boolean readWishFromElsewhere = true;
    // 1 while a task of that kind is queued on the loop (see the class comment).
    private volatile int readInterestQueued;
    private volatile int writeInterestQueued;
    private volatile int abortQueued;
    private volatile long lastReadNanos;
    private volatile long lastWriteNanos;

    // Loop-thread timer state: the handler's deadline and the write-stall check share one wheel entry.
    long handlerDeadline; // package-private for TimerWheelTest
    private final long writeTimeoutNanos;

    /** This connection's index in its loop's set of connections, {@link IndexedSet#NONE} when not in it. Loop thread. */
    int loopIndex = IndexedSet.NONE;

    // Timer wheel links, used only by the loop's TimerWheel.
    SocketConnection timerNext;
    SocketConnection timerPrev;
    long timerTick;
    boolean timerLinked;
    long timerDeadline;

    SocketConnection(SocketChannel channel, EventLoop loop, TransportConfig config, ConnectionHandler handler,
               SSLEngine engine, TlsHandshakes.Place handshakePlace, Runnable onClosed) throws IOException {
        this.channel = channel;
        this.onClosed = onClosed;
        this.pendingEngine = engine;
        this.handshakePlace = handshakePlace;
        this.loop = loop;
        this.config = config;
        this.budget = loop.outboundBudget();
        this.handler = handler;
        this.remoteAddress = (InetSocketAddress) channel.getRemoteAddress();
        this.localAddress = channel.getLocalAddress();
        this.writeTimeoutNanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(config.writeTimeoutMillis());
        long now = System.nanoTime();
        this.lastReadNanos = now;
        this.lastWriteNanos = now;
    }

    void attach(SelectionKey key) {
        this.key = key;
    }

    /** Starts the TLS the socket was registered with, if any. Loop thread. */
    void startTls() throws IOException {
        if (pendingEngine != null) {
            SSLEngine engine = pendingEngine;
            pendingEngine = null;
            startTls(engine);
        }
    }

    /**
     * Speaks TLS from now on (for a client, after a proxy's CONNECT tunnel is open): a client's
     * first handshake flight goes out; what is written later waits for the handshake. Loop thread.
     */
    public void startTls(SSLEngine engine) throws IOException {
        synchronized (this) {
            if (tls != null) {
                throw new IllegalStateException("TLS is already on for " + this);
            }
            TlsIo started = new TlsIo(engine, channel, loop.tlsHandshakes() != null);
            if (loop.readBuffer().capacity() < started.applicationBufferSize()) {
                // Unwrapping would stop at once for room it never gets, on every turn: the loop would spin.
                throw new IOException("the event loop's read buffer of " + loop.readBuffer().capacity()
                        + " bytes cannot hold a TLS record's plaintext (" + started.applicationBufferSize()
                        + " bytes): the read buffer size must be at least that with TLS");
            }
            tls = started;
            tls.begin();
            if (tls.hasPendingOutput() && key.isValid()) {
                key.interestOpsOr(SelectionKey.OP_WRITE);
            }
        }
        if (tls.needsTasks()) {
            runTlsTasks();
        }
    }

    /**
     * Decrypts {@code received} as if it had just been read: ciphertext that came before TLS was
     * started, in the read that ended a PROXY protocol header (the client's ClientHello may follow
     * the header's last byte in the same segment). {@code received} may be the loop's read buffer:
     * it is copied before anything is decrypted there. Loop thread, right after
     * {@link #startTls(SSLEngine)} of a server engine, inside the handler's onData.
     */
    public void unwrapReceived(ByteBuffer received) {
        if (received.hasRemaining() && !closed && tls != null) {
            ByteBuffer cipher = loop.tlsBuffer();
            cipher.clear();
            cipher.put(received).flip();
            unwrapAndDeliver(cipher, 0);
        }
    }

    /** Whether this connection is TLS (wss). */
    @Override
    public synchronized boolean isSecure() {
        return tls != null;
    }

    @Override
    public EventLoop loop() {
        return loop;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /**
     * From now on {@link #remoteAddress()} is {@code client}: the address a trusted proxy in front
     * reported (a PROXY protocol header, a Forwarded header), so that limits, logs and the session
     * see the client rather than the proxy. The transport does not check it; who reads the report
     * decides whom to believe. Loop thread, before the connection is handed to other threads.
     */
    public void reportRemoteAddress(InetSocketAddress client) {
        this.remoteAddress = client;
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) localAddress;
    }

    /** Hands the connection to the next protocol (the handshake handler installs the WebSocket one). */
    @Override
    public void setHandler(ConnectionHandler handler) {
        this.handler = handler;
    }

    @Override
    public void setWritabilityListener(WritabilityListener listener) {
        this.writabilityListener = listener;
    }

    @Override
    public long lastReadNanos() {
        return lastReadNanos;
    }

    @Override
    public long lastWriteNanos() {
        return lastWriteNanos;
    }

    @Override
    public boolean isOpen() {
        return !closed && channel.isOpen();
    }

    @Override
    public synchronized boolean isWritable() {
        return writable;
    }

    @Override
    public synchronized long queuedBytes() {
        return queuedBytes;
    }

    // ---------------------------------------------------------------- reading (loop thread)

    void onReadable() {
        if (tls != null) {
            onReadableTls();
            return;
        }
        ByteBuffer buf = loop.readBuffer();
        buf.clear();
        int n;
        try {
            // One read per turn and connection: a busy peer cannot starve the others.
            n = channel.read(buf);
        } catch (IOException e) {
            abort(e);
            return;
        }
        if (n < 0) {
            suspendReads();
            handler.onInputClosed(this);
            return;
        }
        if (n > 0) {
            lastReadNanos = loop.now();
            buf.flip();
            deliver(buf);
        }
    }

    /** Hands what was read to the handler; under {@link #holdWritesWhileReading} the writes it makes leave together after. */
    private void deliver(ByteBuffer data) {
        if (!holdWritesWhileReading) {
            handler.onData(this, data);
            return;
        }
        cork();
        try {
            handler.onData(this, data);
        } finally {
            uncork();
        }
    }

    @Override
    public void holdWritesWhileReading() {
        holdWritesWhileReading = true;
    }

    /**
     * One read of ciphertext, decrypted into the loop's read buffer and handed on as it fills; the
     * handshake advances as records arrive, and data queued before it finished goes out after.
     */
    private void onReadableTls() {
        ByteBuffer cipher = loop.tlsBuffer();
        int n;
        try {
            n = tls.read(cipher);
        } catch (IOException e) {
            abort(e);
            return;
        }
        if (n > 0) {
            lastReadNanos = loop.now();
        }
        unwrapAndDeliver(cipher, n);
    }

    /** Decrypts what {@code cipher} holds and hands the plaintext on; {@code n} is what the socket read returned. */
    private void unwrapAndDeliver(ByteBuffer cipher, int n) {
        ByteBuffer plain = loop.readBuffer();
        try {
            TlsIo.Unwrapped state;
            do {
                plain.clear();
                boolean finished;
                boolean pending;
                synchronized (this) {
                    state = tls.unwrap(cipher, plain);
                    tls.flush();
                    finished = tls.takeFinished();
                    pending = tls.hasPendingOutput() || finished && !queue.isEmpty();
                }
                if (finished && handshakePlace != null) {
                    handshakePlace.complete();
                    handshakePlace = null;
                }
                if (pending && key.isValid()) {
                    key.interestOpsOr(SelectionKey.OP_WRITE);
                    armTimer();
                }
                plain.flip();
                if (plain.hasRemaining()) {
                    deliver(plain);
                }
            } while (state == TlsIo.Unwrapped.MORE && !closed);
            if (state == TlsIo.Unwrapped.TASKS && !closed) {
                runTlsTasks();
            }
        } catch (SSLException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "TLS with " + remoteAddress + " failed: " + e.getMessage());
            synchronized (this) {
                tls.sendAlert();
            }
            close(e); // not a reset: the alert must reach the peer
            return;
        } catch (IOException e) {
            abort(e);
            return;
        }
        if (!closed && (n < 0 || tls.inboundDone())) {
            tls.closeInbound();
            suspendReads();
            handler.onInputClosed(this);
        }
    }

    /**
     * Hands the handshake's delegated tasks (its crypto) to the group's TLS threads, or runs them
     * here when the loop has none; reading pauses until they are done, then the handshake goes on
     * from the ciphertext kept meanwhile. Loop thread.
     */
    private void runTlsTasks() {
        TlsHandshakes handshakes = loop.tlsHandshakes();
        tlsTasksRunning = true;
        applyReadInterest();
        Runnable tasks = () -> {
            try {
                tls.runDelegatedTasks();
            } finally {
                // A task that failed has told the engine: the next unwrap throws, and the connection closes.
                loop.execute(this::resumeTlsHandshake);
            }
        };
        if (handshakes == null || !handshakes.run(tasks)) {
            tls.runDelegatedTasks(); // no TLS threads (or stopping): on the loop, as without them
            resumeTlsHandshake();
        }
    }

    /** The handshake's tasks are done: it goes on from the ciphertext kept meanwhile. Loop thread. */
    private void resumeTlsHandshake() {
        if (closed) {
            return;
        }
        tlsTasksRunning = false;
        ByteBuffer cipher = loop.tlsBuffer();
        tls.takeKept(cipher);
        unwrapAndDeliver(cipher, 0);
        if (!closed && !tlsTasksRunning) {
            applyReadInterest();
        }
    }

    private void releaseHandshakePlace() {
        if (handshakePlace != null) {
            handshakePlace.release();
            handshakePlace = null;
        }
    }

    /**
     * Stops reading until {@link #resumeReads()}: backpressure towards the peer. Loop thread or
     * not. A call on the loop takes effect at once; a call from another thread takes effect on the
     * loop after it was made, as a task of its own would, except that calls made while one is
     * queued share it and the last of them wins: a connection has one such task queued at most.
     * So what the loop decided before it sees another thread's call never overrides that call
     * (session backpressure relies on this: a resume that follows the loop's suspend is not lost).
     */
    @Override
    public void suspendReads() {
        wishReads(false);
    }

    @Override
    public void resumeReads() {
        wishReads(true);
    }

    private void wishReads(boolean wanted) {
        if (loop.inLoop()) {
            readsWanted = wanted;
            applyReadInterest();
            return;
        }
        readWishFromElsewhere = wanted;
        if (READ_INTEREST_QUEUED.compareAndSet(this, 0, 1)) {
            loop.execute(() -> {
                readInterestQueued = 0; // before reading the wish: a wish made after this queues again
                readsWanted = readWishFromElsewhere;
                applyReadInterest();
            });
        }
    }

    /**
     * Whether reading is paused (by {@link #suspendReads()} or while TLS tasks run): what the peer
     * sends waits in the socket, so silence is then no sign of a stalled peer. Loop thread.
     */
    @Override
    public boolean readsSuspended() {
        return !readInterest;
    }

    /** Reads while they are wanted and no TLS task runs. Loop thread. */
    private void applyReadInterest() {
        boolean read = readsWanted && !tlsTasksRunning && !closed;
        if (read != readInterest && key.isValid()) {
            readInterest = read;
            if (read) {
                key.interestOpsOr(SelectionKey.OP_READ);
            } else {
                key.interestOpsAnd(~SelectionKey.OP_READ);
            }
        }
    }

    /**
     * Handling this connection threw (a bug, or an {@link Error} such as OutOfMemoryError): the
     * handler may say a last word (WebSocket: close 1011), then the connection closes. Loop thread.
     */
    void failInternally(Throwable error) {
        if (closed) {
            return;
        }
        try {
            handler.onInternalError(this, error);
        } catch (Throwable t) {
            error.addSuppressed(t);
        }
        close(error);
    }

    // ---------------------------------------------------------------- writing (any thread)

    @Override
    public void write(ByteBuffer buffer, WriteCallback callback) {
        write(new PendingWrite(buffer, callback), false);
    }

    /**
     * Writes the buffers in order, after everything written before. The callback runs on the
     * caller's thread when the socket takes everything at once, otherwise on the event loop.
     * The buffers must not be changed until then.
     */
    @Override
    public void write(ByteBuffer[] buffers, WriteCallback callback) {
        write(new PendingWrite(buffers, callback), false);
    }

    /**
     * Writes a frame that belongs to the connection from now on (a copy nobody else changes).
     * While the connection is {@linkplain #cork() corked}, a small one is held, to go out with the
     * frames written after it in one gathering write, and its callback runs at once: the frame is
     * as good as written, the connection will flush it. Otherwise as {@link #write(ByteBuffer, WriteCallback)}.
     */
    @Override
    public void writeOwned(ByteBuffer frame, WriteCallback callback) {
        write(new PendingWrite(frame, callback), true);
    }

    /**
     * Holds the frames given to {@link #writeOwned} until {@link #uncork()}, bounded in bytes and
     * in time: the thread that runs a batch of a session's callbacks corks the connection, so that
     * their replies leave in one system call at the end of the batch. Any thread; calls nest.
     */
    @Override
    public synchronized void cork() {
        corks++;
    }

    /** Ends a {@link #cork()}; the last one writes what is held, on the calling thread. */
    @Override
    public void uncork() {
        IOException failure = null;
        synchronized (this) {
            corks--;
            if (corks == 0 && holding) {
                failure = flushHeld();
            }
        }
        if (failure != null) {
            abort(failure);
        }
    }

    private void write(PendingWrite write, boolean owned) {
        WriteCallback callback = write.callback;
        Throwable failure = null;
        boolean done = false;
        boolean becameUnwritable = false;
        boolean halfWritten = false;
        boolean watch = false;
        IOException flushFailure = null;
        synchronized (this) {
            if (outputShutdown || closeWhenFlushed || shutdownOutputWhenFlushed || closed) {
                failure = new ClosedChannelException();
            } else {
                long size = write.remaining();
                if (owned && mayHold(size)) {
                    watch = hold(write, size);
                    done = true;
                } else if (holding) {
                    // Held frames go first: this write joins them, and all leave now in one gathering write.
                    if (queuedBytes + size > config.maxQueuedBytes()) {
                        failure = new WriteQueueFullException(queuedBytes, size, config.maxQueuedBytes());
                    } else {
                        enqueue(write, size);
                        flushFailure = flushHeld();
                        // The queue empties only once this write, its last entry, is all written.
                        done = flushFailure == null && queue.isEmpty();
                        becameUnwritable = checkHighWaterMark();
                    }
                } else {
                    long written = 0;
                    if (queue.isEmpty()) {
                        try {
                            written = writeNow(write);
                        } catch (IOException e) {
                            failure = e;
                        }
                        done = failure == null && written == size;
                        if (done && tls != null && tls.hasPendingOutput()) {
                            requestWriteInterest(); // the records of this write are not all on the wire yet
                        }
                    }
                    if (failure == null && !done) {
                        long unsent = size - written;
                        if (queuedBytes + unsent > config.maxQueuedBytes()) {
                            failure = new WriteQueueFullException(queuedBytes, unsent, config.maxQueuedBytes());
                            // Part of these bytes is on the wire already: the rest cannot simply be dropped.
                            halfWritten = written > 0;
                        } else {
                            boolean wasEmpty = queue.isEmpty();
                            enqueue(write, unsent);
                            becameUnwritable = checkHighWaterMark();
                            if (wasEmpty) {
                                requestWriteInterest();
                            }
                        }
                    }
                }
            }
        }
        if (budget.exceeded()) {
            // Outside the lock: dropping takes the lock of the connection dropped, which may be another.
            budget.shed();
        }
        if (watch) {
            loop.watchHeld(this);
        }
        if (becameUnwritable) {
            reportWritability();
        }
        if (flushFailure != null) {
            abort(flushFailure); // fails this write's callback too: it is still queued
            return;
        }
        if (halfWritten || failure instanceof IOException && !(failure instanceof WriteQueueFullException)
                && !(failure instanceof ClosedChannelException)) {
            abort(failure);
        }
        if (failure != null || done) {
            callback.written(failure);
        }
    }

    /** One write straight to the socket (nothing is queued before it). Under the lock. */
    private long writeNow(PendingWrite write) throws IOException {
        long written;
        if (tls != null) {
            ByteBuffer[] buffers = write.buffers();
            written = tls.write(buffers, 0, buffers.length);
        } else {
            written = write.writeTo(channel);
        }
        if (written > 0) {
            lastWriteNanos = System.nanoTime();
        }
        return written;
    }

    /** Whether an owned frame of this size may be held now. Under the lock. */
    private boolean mayHold(long size) {
        if (corks == 0 || !(holding || queue.isEmpty())) {
            return false; // not corked, or the socket is backed up and the loop is flushing
        }
        long limit = Math.min(MAX_HELD_BYTES, Math.min(config.writeLowWaterMark(), config.maxQueuedBytes()));
        if (!holding) {
            return size <= limit;
        }
        return queuedBytes + size <= limit && queue.size() < MAX_GATHER
                && System.nanoTime() - holdingSince < MAX_HOLD_NANOS;
    }

    /**
     * Holds the frame; its callback no longer matters (it runs now). Returns whether the loop
     * should start watching this connection's held frames. Under the lock.
     */
    private boolean hold(PendingWrite write, long size) {
        write.callback = WriteCallback.NONE;
        enqueue(write, size);
        if (holding) {
            return false;
        }
        holding = true;
        holdingSince = System.nanoTime();
        if (watchedByLoop) {
            return false;
        }
        watchedByLoop = true;
        return true;
    }

    private void enqueue(PendingWrite write, long bytes) {
        if (queue == WriteQueue.NONE) {
            queue = new WriteQueue();
        }
        queue.add(write);
        addQueued(bytes);
    }

    /** Every change of queuedBytes goes through here, so that the server's budget sees it. Under the lock. */
    private void addQueued(long delta) {
        queuedBytes += delta;
        if (leftBudget || delta == 0) {
            return;
        }
        budget.add(delta);
        boolean aboveLowWater = queuedBytes > config.writeLowWaterMark();
        if (aboveLowWater != heavy) {
            heavy = aboveLowWater;
            budget.heavy(this, aboveLowWater);
        }
    }

    /**
     * Chosen by the budget as the connection with the most queued: refuses further writes, takes
     * its bytes out of the budget at once (they are freed when the loop closes the socket, a
     * moment later), and drops the connection, reporting why. Any thread, holding no other
     * connection's lock.
     */
    void dropOverBudget(long limit) {
        long queued;
        synchronized (this) {
            if (leftBudget) {
                return;
            }
            queued = queuedBytes;
            leaveBudget();
            outputShutdown = true; // a write from now on fails: the peer will not read it
        }
        LOG.log(System.Logger.Level.DEBUG, () -> this + " dropped with " + queued + " bytes queued: max-outbound-bytes "
                + limit + " ran out");
        abort(new OutboundBudgetExceededException(queued, limit));
    }

    /** Under the lock. */
    private void leaveBudget() {
        if (!leftBudget) {
            leftBudget = true;
            budget.add(-queuedBytes);
            if (heavy) {
                heavy = false;
                budget.heavy(this, false);
            }
        }
    }

    /**
     * Tells the listener of a change of writability, outside the lock. A writer that crossed the
     * high water mark and the loop that drained below the low one each leave the lock before they
     * tell, so their calls could overlap, or arrive in the opposite order, leaving the listener
     * sure the connection is not writable when it is (a sender waiting for "writable" would wait
     * for nothing). So one thread tells at a time, always the state as it is now, and goes on
     * while it changed meanwhile; a thread that finds another telling leaves its change to it.
     * The listener thus hears "not writable" and "writable" alternately, never two calls at once,
     * and, once the queue stops crossing its marks, the last thing it heard is true. Two changes
     * that cancel out while another thread tells may be heard as none. Holding no lock of ours.
     */
    private void reportWritability() {
        while (true) {
            boolean now;
            synchronized (this) {
                if (reportingWritability || reportedWritable == writable) {
                    return;
                }
                reportingWritability = true;
                now = writable;
                reportedWritable = now;
            }
            try {
                writabilityListener.onWritabilityChanged(now);
            } finally {
                synchronized (this) {
                    reportingWritability = false;
                }
            }
        }
    }

    /** Under the lock: true if the queue just crossed the high water mark. */
    private boolean checkHighWaterMark() {
        if (writable && queuedBytes > config.writeHighWaterMark()) {
            writable = false;
            return true;
        }
        return false;
    }

    /**
     * Writes the held frames (and a write that joined them) in one gathering write on the calling
     * thread; what the socket does not take is left to the loop. Entries fully written are
     * dropped: a held frame's callback already ran, and a joining write is the queue's last entry,
     * whose caller sees the queue empty. Under the lock; returns the failure, if any.
     */
    private IOException flushHeld() {
        holding = false;
        long written;
        try {
            if (queue.size() == 1) {
                written = writeNow(queue.peek()); // one frame held: no gathering array needed
            } else {
                ByteBuffer[] gather = new ByteBuffer[Math.min(queue.bufferCount(), MAX_GATHER)];
                int n = queue.gather(gather);
                written = tls == null ? HeapCopyBound.write(channel, gather, 0, n) : tls.write(gather, 0, n);
            }
        } catch (IOException e) {
            return e;
        }
        if (written > 0) {
            lastWriteNanos = System.nanoTime();
        }
        addQueued(-written);
        queue.dropWritten();
        if (!queue.isEmpty() || tls != null && tls.hasPendingOutput()) {
            requestWriteInterest();
        }
        return null;
    }

    /**
     * The loop's check of held frames: flushes them once they have been held {@link #MAX_HOLD_NANOS}
     * (their corking thread is busy in user code, maybe blocked). Returns whether to keep watching. Loop thread.
     */
    boolean flushHeldIfStale(long now) {
        IOException failure = null;
        boolean keepWatching;
        synchronized (this) {
            if (holding && now - holdingSince >= MAX_HOLD_NANOS) {
                failure = flushHeld();
            }
            keepWatching = holding && !closed;
            watchedByLoop = keepWatching;
        }
        if (failure != null) {
            abort(failure);
        }
        return keepWatching;
    }

    private void requestWriteInterest() {
        if (loop.inLoop()) {
            if (key.isValid()) {
                key.interestOpsOr(SelectionKey.OP_WRITE);
                armTimer();
            }
        } else if (WRITE_INTEREST_QUEUED.compareAndSet(this, 0, 1)) {
            loop.execute(() -> {
                writeInterestQueued = 0;
                synchronized (this) {
                    if (!queue.isEmpty() && key.isValid()) {
                        key.interestOpsOr(SelectionKey.OP_WRITE);
                    }
                }
                armTimer();
            });
        }
    }

    void onWritable() {
        PendingWrite[] completed = loop.completedWrites();
        int completedCount = 0;
        boolean becameWritable = false;
        boolean closeNow = false;
        boolean shutdownNow = false;
        Throwable failure = null;
        synchronized (this) {
            holding = false; // the loop writes everything queued now, held frames included
            try {
                ByteBuffer[] gather = loop.gatherArray();
                int n = queue.gather(gather);
                long written = tls == null ? HeapCopyBound.write(channel, gather, 0, n) : tls.write(gather, 0, n);
                java.util.Arrays.fill(gather, 0, n, null);
                if (written > 0) {
                    lastWriteNanos = loop.now();
                }
                addQueued(-written);
                completedCount = queue.removeWritten(completed);
            } catch (IOException e) {
                failure = e;
            }
            boolean recordsWaiting = tls != null && tls.hasPendingOutput();
            if (failure == null && queue.isEmpty() && !recordsWaiting) {
                if (key.isValid()) {
                    key.interestOpsAnd(~SelectionKey.OP_WRITE);
                }
                closeNow = closeWhenFlushed;
                shutdownNow = shutdownOutputWhenFlushed && !closeNow;
            } else if (failure == null && tls != null && !tls.handshakeDone() && !recordsWaiting && key.isValid()) {
                // Data waits for the handshake, not for the socket: the handshake's end asks again.
                key.interestOpsAnd(~SelectionKey.OP_WRITE);
            }
            if (!writable && queuedBytes <= config.writeLowWaterMark()) {
                writable = true;
                becameWritable = true;
            }
        }
        if (completedCount > 0) {
            tellCompleted(completed, completedCount);
        }
        if (failure != null) {
            abort(failure);
            return;
        }
        if (becameWritable) {
            reportWritability();
        }
        if (closeNow) {
            close(null);
        } else if (shutdownNow) {
            shutdownOutputNow();
        }
    }

    /**
     * On the loop thread (endpoint code run there, option {@code callbacks-on-loop}) nobody else
     * would write what is queued while this thread waits for it: so it writes it here, waiting for
     * the socket on a selector of its own, until all is written, the connection closes, or
     * {@code timeoutMillis} (none when not positive) pass. The loop's other connections wait
     * meanwhile, which is what that option accepts. On any other thread, nothing: the loop writes.
     */
    @Override
    public void flushBeforeWait(long timeoutMillis) {
        if (!loop.inLoop() || loop.writingCompletions() || nothingToWrite()) {
            return;
        }
        long start = System.nanoTime();
        long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        Selector waiter = null;
        try {
            while (true) {
                onWritable();
                if (nothingToWrite()) {
                    return;
                }
                long left = timeoutNanos - (System.nanoTime() - start);
                if (timeoutMillis > 0 && left <= 0) {
                    return; // the waiter's own wait times out and says so
                }
                if (waiter == null) {
                    waiter = Selector.open();
                    channel.register(waiter, SelectionKey.OP_WRITE);
                }
                waiter.select(timeoutMillis > 0 ? Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)) : 0);
                waiter.selectedKeys().clear();
            }
        } catch (IOException e) {
            abort(e);
        } finally {
            if (waiter != null) {
                try {
                    waiter.close();
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, "closing a write waiter's selector", e);
                }
            }
        }
    }

    /** Closed, or nothing queued (held frames are queued) or waiting for the socket (data behind a TLS handshake counts as nothing). */
    private synchronized boolean nothingToWrite() {
        return closed || flushed() || (tls != null && !tls.handshakeDone() && !tls.hasPendingOutput());
    }

    /** Tells the writes that completed; the loop's array is in use meanwhile (see {@link #flushBeforeWait}). Loop thread. */
    private void tellCompleted(PendingWrite[] completed, int count) {
        boolean outer = loop.writingCompletions();
        loop.writingCompletions(true);
        try {
            for (int i = 0; i < count; i++) {
                completed[i].callback.written(null);
                completed[i] = null;
            }
        } finally {
            loop.writingCompletions(outer);
        }
    }

    // ---------------------------------------------------------------- closing

    /** Closes the socket once everything queued has been written. Any thread. */
    @Override
    public void closeAfterFlush() {
        endAfterFlush(true);
    }

    /**
     * Sends FIN once everything queued has been written, and keeps reading: used after a close
     * frame so that the peer's last bytes are drained instead of answered with a reset.
     */
    @Override
    public void shutdownOutputAfterFlush() {
        endAfterFlush(false);
    }

    /** Marks the connection to close (or to send FIN) once flushed; held frames are written first. */
    private void endAfterFlush(boolean close) {
        boolean now;
        IOException failure;
        synchronized (this) {
            if (close) {
                closeWhenFlushed = true;
            } else {
                shutdownOutputWhenFlushed = true;
            }
            failure = holding ? flushHeld() : null;
            now = failure == null && flushed();
        }
        if (failure != null) {
            abort(failure);
        } else if (now) {
            runOnLoop(close ? () -> close(null) : this::shutdownOutputNow);
        }
    }

    /** Nothing queued and no record waiting. Under the lock. */
    private boolean flushed() {
        return queue.isEmpty() && (tls == null || !tls.hasPendingOutput());
    }

    private void shutdownOutputNow() {
        synchronized (this) {
            if (outputShutdown || closed) {
                return;
            }
            outputShutdown = true;
        }
        try {
            if (tls != null) {
                synchronized (this) {
                    tls.closeOutbound(); // close_notify before FIN (RFC 8446 §6.1)
                }
            }
            channel.shutdownOutput();
        } catch (IOException e) {
            abort(e);
        }
    }

    /**
     * Closes the socket at once with a reset (SO_LINGER 0), dropping anything queued: for peers
     * that broke a limit or went silent, whose socket should not linger in TIME_WAIT. Any thread.
     */
    @Override
    public void abort(Throwable cause) {
        if (!loop.inLoop() && !ABORT_QUEUED.compareAndSet(this, 0, 1)) {
            return; // an abort is queued already: one is enough
        }
        runOnLoop(() -> {
            if (!closed && channel.isOpen()) {
                try {
                    channel.setOption(java.net.StandardSocketOptions.SO_LINGER, 0);
                } catch (IOException | UnsupportedOperationException e) {
                    LOG.log(System.Logger.Level.DEBUG, "cannot set SO_LINGER on " + remoteAddress, e);
                }
            }
            close(cause);
        });
    }

    private void runOnLoop(Runnable task) {
        if (loop.inLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    /** Loop thread only. */
    void close(Throwable cause) {
        if (closed) {
            return;
        }
        closed = true;
        releaseHandshakePlace();
        loop.cancelTimer(this);
        loop.deregistered(this);
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing " + remoteAddress, e);
        }
        PendingWrite[] dropped;
        synchronized (this) {
            outputShutdown = true;
            dropped = queue.clear();
            holding = false;
            leaveBudget();
            queuedBytes = 0;
        }
        // An exception's stack trace costs microseconds: made only for writes that need it, not per close.
        Throwable failure = cause != null || dropped.length == 0 ? cause : new ClosedChannelException();
        for (PendingWrite w : dropped) {
            w.callback.written(failure);
        }
        try {
            handler.onClosed(this, cause);
        } finally {
            onClosed.run();
        }
    }

    // ---------------------------------------------------------------- timers (loop thread)

    /** Asks for {@link ConnectionHandler#onTimer} at or shortly after {@code deadlineNanos}; 0 for none. Loop thread. */
    @Override
    public void scheduleTimer(long deadlineNanos) {
        handlerDeadline = deadlineNanos;
        armTimer();
    }

    /** Files the earlier of the handler's deadline and the write-stall deadline. Loop thread. */
    private void armTimer() {
        if (closed) {
            return;
        }
        long deadline = handlerDeadline;
        long stall = writeStallDeadline();
        if (stall != 0 && (deadline == 0 || stall - deadline < 0)) {
            deadline = stall;
        }
        loop.scheduleTimer(this, deadline);
    }

    private long writeStallDeadline() {
        if (writeTimeoutNanos == 0) {
            return 0;
        }
        synchronized (this) {
            // Held frames wait for their batch, not for the peer: they do not count as a stall.
            return queue.isEmpty() || holding ? 0 : lastWriteNanos + writeTimeoutNanos;
        }
    }

    void fireTimer(long now) {
        if (closed) {
            return;
        }
        long stall = writeStallDeadline();
        if (stall != 0 && now - stall >= 0) {
            abort(new WriteTimeoutException(java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(writeTimeoutNanos)));
            return;
        }
        if (handlerDeadline != 0 && now - handlerDeadline >= 0) {
            try {
                handlerDeadline = handler.onTimer(this, now);
            } catch (Throwable t) {
                // As for a read: the failure costs this connection, not the other timers or the loop.
                loop.internalError(this, t);
                failInternally(t);
                return;
            }
        }
        armTimer();
    }

    @Override
    public String toString() {
        return "SocketConnection[" + remoteAddress + "]";
    }
}
