package io.wssocket.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;

/**
 * A selector thread that owns a set of connections: reads them, flushes their queued writes,
 * runs tasks handed to it, and fires their timers. It never runs user code that may block.
 * One direct read buffer serves all its connections, so an idle connection holds none.
 *
 * <p>Failures: anything thrown while one connection is handled (an {@link Error} such as
 * {@link OutOfMemoryError} included) closes that connection only. Anything that escapes the loop
 * itself ends it: its connections are closed and its {@link EventLoopGroup} puts a fresh loop in
 * its place, so no connection is ever handed to a dead loop.
 *
 * <p>What bounds the task queue: sockets waiting to be registered have their own queue of at
 * most {@code maxPendingRegistrations} (beyond it a socket is closed at once); every other task
 * belongs to one connection, and a connection has at most a constant number queued at a time
 * (read interest and write interest are coalesced, see {@link SocketConnection}), so the queue is
 * bounded by a small multiple of the connections the loop owns.
 */
public final class EventLoop implements ConnectionLoop {
    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final int MAX_TASKS_PER_TURN = 1024;
    /** Sockets accepted but not yet taken by the loop; one turn takes them all, so this covers a burst of accepts. */
    static final int DEFAULT_MAX_PENDING_REGISTRATIONS = 4096;
    private static final Runnable NOTHING = () -> { };
    private static final byte[] NO_SCRATCH = new byte[0];
    private static final AtomicReferenceFieldUpdater<EventLoop, SocketConnection> HOLDING =
            AtomicReferenceFieldUpdater.newUpdater(EventLoop.class, SocketConnection.class, "holding");
    private static final VarHandle BUSY_NANOS;

    static {
        try {
            BUSY_NANOS = MethodHandles.lookup().findVarHandle(EventLoop.class, "busyNanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final TransportConfig config;
    /** Shared with the other loops of the server. */
    private final OutboundBudget outboundBudget;
    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ArrayBlockingQueue<Registration> registrations;
    private final LoopEvents events;
    /** Whether turns are timed for stalls (someone listens); else they cost no clock read. */
    private final boolean timed;
    /** What the select does with each ready key: {@link #processKey}, timed or not. */
    private final Consumer<SelectionKey> keyAction;
    private final Consumer<EventLoop> onFailure;
    private final TlsHandshakes tlsHandshakes;
    /** Fault injection for tests: thrown by the loop at its next turn, outside any connection's handling. */
    private volatile Error injectedFault;
    /**
     * Connections holding corked frames, checked every turn so that none is held long (see
     * SocketConnection#cork): a stack linked through SocketConnection.nextHolding, pushed by any thread with
     * a compare-and-set and taken whole by the loop, so watching costs no allocation.
     */
    private volatile SocketConnection holding;
    /** The loop is about to select, or selecting, with no timeout: a connection that starts holding frames must wake it. */
    private volatile boolean selectingWithoutTimeout;
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final ByteBuffer readBuffer;
    /** Ciphertext read from TLS sockets, decrypted into readBuffer; made when the first TLS connection reads. */
    private ByteBuffer tlsBuffer;
    private final ByteBuffer[] gatherArray = new ByteBuffer[64];
    private final byte[] scratch = new byte[4096];
    private final WriteQueue.PendingWrite[] completedWrites = new WriteQueue.PendingWrite[256];
    private final TimerWheel timers;
    /**
     * Loop thread only. Each connection keeps its index here ({@link SocketConnection#loopIndex}): a
     * connection comes and goes in O(1) with no allocation, so closing n of them costs O(n).
     */
    private final IndexedSet<SocketConnection> connections = new IndexedSet<>(c -> c.loopIndex, (c, i) -> c.loopIndex = i);
    /** The size of {@link #connections}, for other threads; written by the loop only. */
    private volatile int connectionCount;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile boolean running = true;
    private long now;

    /** A loop of its own, outside any group (for tests): nobody replaces it. */
    EventLoop(String name, TransportConfig config) {
        this(name, config, DEFAULT_MAX_PENDING_REGISTRATIONS, new LoopEvents(), failed -> { }, null,
                OutboundBudget.unlimited());
    }

    /**
     * @param onFailure told, on this loop's dying thread, that an error escaped the loop; the
     *     group replaces it
     * @param tlsHandshakes where TLS handshake tasks run, or null to run them on the loop
     * @param outboundBudget the bytes this loop's connections and its group's others may queue together
     */
    EventLoop(String name, TransportConfig config, int maxPendingRegistrations, LoopEvents events,
              Consumer<EventLoop> onFailure, TlsHandshakes tlsHandshakes, OutboundBudget outboundBudget) {
        this.name = name;
        this.config = config;
        this.registrations = new ArrayBlockingQueue<>(maxPendingRegistrations);
        this.events = events;
        this.timed = events.timesTurns();
        this.keyAction = timed ? this::startTurnAndProcess : this::processKey;
        this.onFailure = onFailure;
        this.tlsHandshakes = tlsHandshakes;
        this.outboundBudget = outboundBudget;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        // Native byte order: in-place unmasking works in machine words (frame fields are read byte by byte).
        this.readBuffer = ByteBuffer.allocateDirect(config.readBufferSize()).order(java.nio.ByteOrder.nativeOrder());
        this.now = System.nanoTime();
        this.timers = new TimerWheel(TICK_NANOS, 512, now);
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** The time of the current turn, in {@link System#nanoTime()} terms; loop thread only. */
    @Override
    public long now() {
        return now;
    }

    OutboundBudget outboundBudget() {
        return outboundBudget;
    }

    public int connectionCount() {
        return connectionCount;
    }

    /** Whether the loop still serves: false once stopped or failed. */
    public boolean isRunning() {
        return running;
    }

    String name() {
        return name;
    }

    /** Where this loop's TLS handshakes run their delegated tasks; null: on the loop itself. */
    TlsHandshakes tlsHandshakes() {
        return tlsHandshakes;
    }

    /** Fault injection for tests: the loop throws {@code fault} at its next turn, as if its own code failed. */
    void failNextTurn(Error fault) {
        injectedFault = fault;
        selector.wakeup();
    }

    /** Handling {@code subject} threw: counted and summarized for the operator. */
    void internalError(Object subject, Throwable error) {
        events.internalError(name, subject, error);
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** Takes ownership of an accepted or connected socket and gives it to {@code handler}. */
    public void register(SocketChannel channel, ConnectionHandler handler, java.util.function.Consumer<SocketConnection> onRegistered) {
        register(channel, null, handler, onRegistered, NOTHING);
    }

    /**
     * Takes ownership of a socket that speaks TLS through {@code engine} (null for plain TCP);
     * the handler sees plaintext.
     */
    public void register(SocketChannel channel, javax.net.ssl.SSLEngine engine, ConnectionHandler handler,
                         java.util.function.Consumer<SocketConnection> onRegistered) {
        register(channel, engine, handler, onRegistered, NOTHING);
    }

    /**
     * As above, and runs {@code onClosed} once when the socket is closed, whether or not the
     * connection ever came up: for accounting that must not leak.
     */
    public void register(SocketChannel channel, SSLEngine engine, ConnectionHandler handler,
                         Consumer<SocketConnection> onRegistered, Runnable onClosed) {
        register(channel, engine, null, handler, onRegistered, onClosed);
    }

    /**
     * As above for a server's TLS socket that holds one of the group's {@linkplain TlsHandshakes
     * handshake places}: given back when the handshake ends or the socket closes. When the loop
     * has too many sockets waiting already, or has stopped, the socket is closed at once (and
     * {@code onClosed} runs): a burst of accepts cannot grow the loop's queue without bound.
     */
    public void register(SocketChannel channel, SSLEngine engine, TlsHandshakes.Place handshakePlace,
                         ConnectionHandler handler, Consumer<SocketConnection> onRegistered, Runnable onClosed) {
        Registration registration = new Registration(channel, engine, handshakePlace, handler, onRegistered, onClosed);
        if (!running || !registrations.offer(registration)) {
            events.refusedRegistration(name, running ? "event loop busy (" + registrations.size()
                    + " sockets waiting to be registered)" : "event loop stopped", channel);
            registration.refuse();
            return;
        }
        if (!running) {
            // Stopped while we offered: the loop may have drained its queue already; whoever polls closes.
            refusePendingRegistrations();
            return;
        }
        if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** Tasks waiting for the loop, for tests (counts them one by one). */
    int queuedTasks() {
        return tasks.size();
    }

    /** Sockets waiting to be registered, for tests. */
    int pendingRegistrations() {
        return registrations.size();
    }

    private void registerPending() {
        Registration registration;
        while ((registration = registrations.poll()) != null) {
            registerNow(registration);
        }
    }

    private void registerNow(Registration r) {
        SocketConnection connection = null;
        try {
            r.channel.configureBlocking(false);
            connection = new SocketConnection(r.channel, this, config, r.handler, r.engine, r.handshakePlace, r.onClosed);
            connection.attach(r.channel.register(selector, SelectionKey.OP_READ, connection));
            connections.add(connection);
            connectionCount = connections.size();
            connection.startTls();
            r.onRegistered.accept(connection);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot register " + r.channel, e);
            if (connection != null) {
                connection.close(e);
            } else {
                r.refuse();
            }
        } catch (Error e) {
            // As for a failure while handling an open connection: this socket pays, not the loop.
            events.internalError(name, r.channel, e);
            if (connection != null) {
                connection.failInternally(e);
            } else {
                r.refuse();
            }
        }
    }

    private void refusePendingRegistrations() {
        Registration registration;
        while ((registration = registrations.poll()) != null) {
            registration.refuse();
        }
    }

    /** A copy of this loop's connections, in no particular order; loop thread only. */
    public List<SocketConnection> connections() {
        return connections.toList();
    }

    /** The connection closed (or never came up): it leaves the loop's set, if it was in it. Loop thread. */
    void deregistered(SocketConnection connection) {
        if (connections.remove(connection)) {
            connectionCount = connections.size();
        }
    }

    ByteBuffer readBuffer() {
        return readBuffer;
    }

    /** Loop thread only; as large as the read buffer, so the plaintext of what it holds fits there. */
    ByteBuffer tlsBuffer() {
        if (tlsBuffer == null) {
            tlsBuffer = ByteBuffer.allocateDirect(readBuffer.capacity()).order(java.nio.ByteOrder.nativeOrder());
        }
        return tlsBuffer;
    }

    /**
     * A small array for the loop thread's own short-lived copies (a text message's bytes on their
     * way into a String), not kept across calls; on another thread, an empty one.
     */
    @Override
    public byte[] scratch() {
        return inLoop() ? scratch : NO_SCRATCH;
    }

    ByteBuffer[] gatherArray() {
        return gatherArray;
    }

    WriteQueue.PendingWrite[] completedWrites() {
        return completedWrites;
    }

    /** While a connection tells its completed writes (the loop's {@link #completedWrites} array in use). Loop thread. */
    private boolean writingCompletions;

    boolean writingCompletions() {
        return writingCompletions;
    }

    void writingCompletions(boolean now) {
        writingCompletions = now;
    }

    void scheduleTimer(SocketConnection connection, long deadline) {
        timers.schedule(connection, deadline);
    }

    void cancelTimer(SocketConnection connection) {
        timers.cancel(connection);
    }

    private void run() {
        Throwable failure = null;
        try {
            while (running) {
                int handled = select();
                now = System.nanoTime();
                Error fault = injectedFault;
                if (fault != null) {
                    injectedFault = null;
                    throw fault;
                }
                registerPending();
                if (timed) {
                    turnPart(REGISTERING);
                }
                int tasksRun = runTasks();
                timers.expire(now);
                flushStaleHeldFrames();
                events.flush(now);
                if (timed) {
                    long end = turnPart(TIMERS);
                    // Written by this thread only; an opaque write is a plain store, read whole by a scrape.
                    BUSY_NANOS.setOpaque(this, busyNanos + (end - turnStart));
                    events.turnEnded(name, end - turnStart, handled, tasksRun, slowestPart, slowestPartNanos);
                    turnStarted = false;
                    slowestPart = null; // not kept alive until the next slow part
                    slowestPartNanos = 0;
                }
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            running = false;
            if (failure != null) {
                // Replace first, so new connections go to a live loop while this one closes its own.
                fail(failure);
            }
            closeAll();
            terminated.countDown();
        }
    }

    /** An error escaped the loop: told once, with its cause, at ERROR (an operator must look). */
    private void fail(Throwable failure) {
        try {
            LOG.log(System.Logger.Level.ERROR, name + " failed and is replaced by a fresh loop; its "
                    + connectionCount + " connections are closed", failure);
            onFailure.accept(this);
        } catch (Throwable t) {
            // Out of memory again, most likely: the group's next() skips this loop while it is not running.
            failure.addSuppressed(t);
        }
    }

    /** The time this loop's timed turns took, added up: the loop was busy, not waiting in select. */
    private long busyNanos;

    /**
     * How long this loop has been busy in all (not waiting for sockets), when its turns are timed
     * (option loop-stall-threshold is not 0); any thread, read as of the loop's last turn.
     *
     * @return the nanoseconds, or -1 when turns are not timed
     */
    public long busyNanos() {
        return timed ? (long) BUSY_NANOS.getOpaque(this) : -1;
    }

    /** When the current turn's work began (its first ready key, or the end of its select). Loop thread. */
    private long turnStart;
    /** Whether {@link #turnStart} is set for the current turn. Loop thread. */
    private boolean turnStarted;

    /** The end of the last part of the current turn that was timed. Loop thread. */
    private long partStart;
    /** The part of the current turn that took longest so far: a connection, a task, or a phase's name. Loop thread. */
    private Object slowestPart;
    private long slowestPartNanos;
    /** A phase of a turn, named when it was the slowest part: registering connections handed to the loop. */
    private static final String REGISTERING = "registering new connections";
    /** The phase after the tasks: expiring timers, flushing held frames, summarizing events. */
    private static final String TIMERS = "timers and held frames";

    /**
     * A ready key's handling when turns are timed: the first key of a turn starts its clock; each
     * key's handling is a part of the turn (one clock read a key: a part ends where the next begins).
     */
    private void startTurnAndProcess(SelectionKey key) {
        if (!turnStarted) {
            turnStarted = true;
            turnStart = System.nanoTime();
            partStart = turnStart;
        }
        processKey(key);
        turnPart(key.attachment());
    }

    /**
     * Ends a part of the turn that {@code what} did, keeping it when it was the slowest yet; returns
     * the time it ended.
     */
    private long turnPart(Object what) {
        long end = System.nanoTime();
        long took = end - partStart;
        if (took > slowestPartNanos) {
            slowestPartNanos = took;
            slowestPart = what;
        }
        partStart = end;
        return end;
    }

    /** @return the number of connections whose ready keys were handled */
    private int select() throws IOException {
        long wait = timers.nanosToNextTick(System.nanoTime());
        if (wait < 0) {
            // Set before looking at holding, read by watchHeld after pushing to it: one of the two sees the other.
            selectingWithoutTimeout = true;
        }
        if (holding != null) {
            // Frames are held: look again once they may have been held too long.
            selectingWithoutTimeout = false;
            wait = wait < 0 ? SocketConnection.MAX_HOLD_NANOS : Math.min(wait, SocketConnection.MAX_HOLD_NANOS);
        }
        int handled;
        if (!tasks.isEmpty() || !registrations.isEmpty() || injectedFault != null) {
            handled = selector.selectNow(keyAction);
        } else {
            long millis = wait < 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait + 999_999));
            handled = selector.select(keyAction, millis);
        }
        if (timed && !turnStarted) {
            turnStart = System.nanoTime(); // no key was ready: the turn's work starts now
            partStart = turnStart;
        }
        selectingWithoutTimeout = false;
        wakeupPending.set(false);
        return handled;
    }

    /**
     * Watches a connection that began holding corked frames. The loop looks at it every turn, and
     * turns at least every millisecond while some are watched; a loop asleep without a timeout is woken.
     */
    void watchHeld(SocketConnection connection) {
        push(connection);
        if (selectingWithoutTimeout && !inLoop() && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** Flushes frames held too long (their corking thread is busy in user code); keeps watching the others. */
    private void flushStaleHeldFrames() {
        SocketConnection c = HOLDING.getAndSet(this, null);
        while (c != null) {
            SocketConnection next = c.nextHolding;
            c.nextHolding = null;
            if (c.flushHeldIfStale(now)) {
                push(c);
            }
            c = next;
        }
    }

    private void push(SocketConnection connection) {
        SocketConnection head;
        do {
            head = holding;
            connection.nextHolding = head;
        } while (!HOLDING.compareAndSet(this, head, connection));
    }

    private void processKey(SelectionKey key) {
        SocketConnection connection = (SocketConnection) key.attachment();
        try {
            int ready = key.readyOps();
            if ((ready & SelectionKey.OP_WRITE) != 0) {
                connection.onWritable();
            }
            if ((ready & SelectionKey.OP_READ) != 0 && key.isValid()) {
                now = System.nanoTime();
                connection.onReadable();
            }
        } catch (java.nio.channels.CancelledKeyException e) {
            connection.close(e);
        } catch (Throwable t) {
            // A handler bug, or an Error such as OutOfMemoryError, costs this connection, not the loop.
            events.internalError(name, connection, t);
            connection.failInternally(t);
        }
    }

    /** @return how many ran */
    /** Runs the tasks handed to the loop, at most a turn's share; when turns are timed each is a part of the turn. */
    private int runTasks() {
        int i = 0;
        for (; i < MAX_TASKS_PER_TURN; i++) {
            Runnable task = tasks.poll();
            if (task == null) {
                return i;
            }
            runTask(task);
            if (timed) {
                turnPart(task);
            }
        }
        return i;
    }

    private void runTask(Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            // A task belongs to one connection (see the class comment): the loop goes on.
            events.internalError(name, task, t);
        }
    }

    private void closeAll() {
        refusePendingRegistrations();
        // From the last: a close removes its connection without moving another, and no copy is made.
        while (!connections.isEmpty()) {
            SocketConnection c = connections.get(connections.size() - 1);
            try {
                c.close(null);
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.DEBUG, "closing " + c + " after stop failed", t);
            } finally {
                deregistered(c); // a close that failed before it deregistered must not stop the others
            }
        }
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.DEBUG, "task after stop failed", t);
            }
        }
        refusePendingRegistrations();
        events.flushNow();
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing selector", e);
        }
    }

    /** Stops the loop; open connections are closed abruptly. */
    void stop() {
        running = false;
        selector.wakeup();
    }

    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to do for a socket we could not even register
        }
    }

    /** A socket handed to the loop and what to do with it once registered. */
    private record Registration(SocketChannel channel, SSLEngine engine, TlsHandshakes.Place handshakePlace,
                                ConnectionHandler handler, Consumer<SocketConnection> onRegistered, Runnable onClosed) {
        /** The socket never became a connection: close it and settle its accounting. */
        void refuse() {
            closeQuietly(channel);
            if (handshakePlace != null) {
                handshakePlace.release();
            }
            onClosed.run();
        }
    }
}
