package io.wssocket.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * A selector thread that owns a set of connections: reads them, flushes their queued writes,
 * runs tasks handed to it, and fires their timers. It never runs user code that may block.
 * One direct read buffer serves all its connections, so an idle connection holds none.
 */
public final class EventLoop implements Executor {
    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final int MAX_TASKS_PER_TURN = 1024;
    private static final Runnable NOTHING = () -> { };
    private static final byte[] NO_SCRATCH = new byte[0];
    private static final AtomicReferenceFieldUpdater<EventLoop, Connection> HOLDING =
            AtomicReferenceFieldUpdater.newUpdater(EventLoop.class, Connection.class, "holding");

    private final String name;
    private final TransportConfig config;
    /** Shared with the other loops of the server. */
    private final OutboundBudget outboundBudget;
    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    /**
     * Connections holding corked frames, checked every turn so that none is held long (see
     * Connection#cork): a stack linked through Connection.nextHolding, pushed by any thread with
     * a compare-and-set and taken whole by the loop, so watching costs no allocation.
     */
    private volatile Connection holding;
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
    private final List<Connection> connections = new ArrayList<>();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile boolean running = true;
    private long now;

    EventLoop(String name, TransportConfig config) {
        this(name, config, OutboundBudget.unlimited());
    }

    EventLoop(String name, TransportConfig config, OutboundBudget outboundBudget) {
        this.name = name;
        this.config = config;
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

    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** The time of the current turn, in {@link System#nanoTime()} terms; loop thread only. */
    public long now() {
        return now;
    }

    OutboundBudget outboundBudget() {
        return outboundBudget;
    }

    public int connectionCount() {
        return connectionCount.get();
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** Takes ownership of an accepted or connected socket and gives it to {@code handler}. */
    public void register(SocketChannel channel, ConnectionHandler handler, java.util.function.Consumer<Connection> onRegistered) {
        register(channel, null, handler, onRegistered, NOTHING);
    }

    /**
     * Takes ownership of a socket that speaks TLS through {@code engine} (null for plain TCP);
     * the handler sees plaintext.
     */
    public void register(SocketChannel channel, javax.net.ssl.SSLEngine engine, ConnectionHandler handler,
                         java.util.function.Consumer<Connection> onRegistered) {
        register(channel, engine, handler, onRegistered, NOTHING);
    }

    /**
     * As above, and runs {@code onClosed} once when the socket is closed, whether or not the
     * connection ever came up: for accounting that must not leak.
     */
    public void register(SocketChannel channel, javax.net.ssl.SSLEngine engine, ConnectionHandler handler,
                         java.util.function.Consumer<Connection> onRegistered, Runnable onClosed) {
        execute(() -> {
            Connection connection = null;
            try {
                channel.configureBlocking(false);
                connection = new Connection(channel, this, config, handler, engine, onClosed);
                connection.attach(channel.register(selector, SelectionKey.OP_READ, connection));
                connections.add(connection);
                connectionCount.incrementAndGet();
                connection.startTls();
                onRegistered.accept(connection);
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot register " + channel, e);
                if (connection != null) {
                    connection.close(e);
                } else {
                    closeQuietly(channel);
                    onClosed.run();
                }
            }
        });
    }

    /** Every connection of this loop, for shutdown; loop thread only. */
    public List<Connection> connections() {
        return new ArrayList<>(connections);
    }

    void deregistered(Connection connection) {
        if (connections.remove(connection)) {
            connectionCount.decrementAndGet();
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
    public byte[] scratch() {
        return inLoop() ? scratch : NO_SCRATCH;
    }

    ByteBuffer[] gatherArray() {
        return gatherArray;
    }

    WriteQueue.PendingWrite[] completedWrites() {
        return completedWrites;
    }

    void scheduleTimer(Connection connection, long deadline) {
        timers.schedule(connection, deadline);
    }

    void cancelTimer(Connection connection) {
        timers.cancel(connection);
    }

    private void run() {
        try {
            while (running) {
                select();
                now = System.nanoTime();
                runTasks();
                timers.expire(now);
                flushStaleHeldFrames();
            }
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, name + " stopped by an unexpected error", t);
        } finally {
            closeAll();
            terminated.countDown();
        }
    }

    private void select() throws IOException {
        long wait = timers.nanosToNextTick(System.nanoTime());
        if (wait < 0) {
            // Set before looking at holding, read by watchHeld after pushing to it: one of the two sees the other.
            selectingWithoutTimeout = true;
        }
        if (holding != null) {
            // Frames are held: look again once they may have been held too long.
            selectingWithoutTimeout = false;
            wait = wait < 0 ? Connection.MAX_HOLD_NANOS : Math.min(wait, Connection.MAX_HOLD_NANOS);
        }
        if (!tasks.isEmpty()) {
            selector.selectNow(this::processKey);
        } else {
            long millis = wait < 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait + 999_999));
            selector.select(this::processKey, millis);
        }
        selectingWithoutTimeout = false;
        wakeupPending.set(false);
    }

    /**
     * Watches a connection that began holding corked frames. The loop looks at it every turn, and
     * turns at least every millisecond while some are watched; a loop asleep without a timeout is woken.
     */
    void watchHeld(Connection connection) {
        push(connection);
        if (selectingWithoutTimeout && !inLoop() && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** Flushes frames held too long (their corking thread is busy in user code); keeps watching the others. */
    private void flushStaleHeldFrames() {
        Connection c = HOLDING.getAndSet(this, null);
        while (c != null) {
            Connection next = c.nextHolding;
            c.nextHolding = null;
            if (c.flushHeldIfStale(now)) {
                push(c);
            }
            c = next;
        }
    }

    private void push(Connection connection) {
        Connection head;
        do {
            head = holding;
            connection.nextHolding = head;
        } while (!HOLDING.compareAndSet(this, head, connection));
    }

    private void processKey(SelectionKey key) {
        Connection connection = (Connection) key.attachment();
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
        } catch (RuntimeException e) {
            // A handler bug must cost one connection, not the loop.
            LOG.log(System.Logger.Level.ERROR, "error handling " + connection + "; closing it", e);
            connection.close(e);
        }
    }

    private void runTasks() {
        for (int i = 0; i < MAX_TASKS_PER_TURN; i++) {
            Runnable task = tasks.poll();
            if (task == null) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "task failed on " + name, e);
            }
        }
    }

    private void closeAll() {
        for (Connection c : connections()) {
            c.close(null);
        }
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "task after stop failed", e);
            }
        }
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
}
