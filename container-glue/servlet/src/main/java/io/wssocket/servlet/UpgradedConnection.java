package io.wssocket.servlet;

import io.wssocket.transport.Connection;
import io.wssocket.transport.ConnectionHandler;
import io.wssocket.transport.WritabilityListener;
import io.wssocket.transport.WriteCallback;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What a connection a container handed over has, whichever way it reads and writes (the Servlet
 * API's streams: {@link ServletConnection}; Jetty's endpoint: {@link JettyConnection}): no thread
 * of its own, the handler run on the connection's {@link Strand}, writes from any thread waiting in
 * a queue bounded by the server's water marks and limit, timers on the web application's timer
 * thread, and one close that fails what is unwritten and tells the handler last.
 *
 * <p>One lock, {@code this}, guards the queue, its byte count and the end of output. No callback
 * runs under it.
 */
abstract class UpgradedConnection implements Connection {
    private static final System.Logger LOG = System.getLogger(UpgradedConnection.class.getName());
    /** Bytes read from the container per call (one buffer per reading thread). */
    private static final ThreadLocal<ByteBuffer> READ_BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocate(16 * 1024));

    final ServletHost host;
    final Strand strand;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final boolean secure;

    volatile ConnectionHandler handler;
    /** {@link #readAvailable}, made once: the container's read callbacks run it on the strand. */
    final Runnable readTask = this::readAvailable;
    private volatile WritabilityListener writabilityListener;
    volatile long lastReadNanos = System.nanoTime();
    volatile long lastWriteNanos = System.nanoTime();
    /** Strand only. */
    boolean readsSuspended;
    /** Strand only: the input has ended or failed. */
    boolean inputDone;
    volatile boolean closed;
    /** Strand only. */
    private ScheduledFuture<?> timer;

    // guarded by this
    final ArrayDeque<Pending> queue = new ArrayDeque<>();
    long queuedBytes;
    /** The callbacks of the writes the current flush finished, or null. */
    private List<WriteCallback> finished;
    private boolean writable = true;
    boolean closeWhenFlushed;
    boolean outputEnded;

    UpgradedConnection(ServletHost host, InetSocketAddress remote, InetSocketAddress local, boolean secure) {
        this(host, remote, local, secure, host.threads());
    }

    /** @param strandThreads where the strand's tasks run when no container callback is running them */
    UpgradedConnection(ServletHost host, InetSocketAddress remote, InetSocketAddress local, boolean secure,
                       Executor strandThreads) {
        this.host = host;
        this.strand = new Strand(strandThreads);
        this.remote = remote;
        this.local = local;
        this.secure = secure;
    }

    /** Reads what the container has, while reads are wanted, and hands it to the handler. Strand. */
    abstract void readAvailable();

    /** Writes what is queued as far as the container takes it now; ends or closes the output once all is written. Any thread. */
    abstract void flush();

    /** Closes the container's side of the connection. Strand, once. */
    abstract void closeTransport(Throwable cause);

    /**
     * The executor of this connection's endpoint code, given the server's: that one, unless the
     * container's event threads may run it (then the endpoint code made during an event runs on
     * its thread when the event's own work is done, with no hand-over to another thread).
     */
    Executor callbacks(Executor server) {
        return server;
    }

    /** Takes what is queued or being written, to fail it. Under the lock. */
    List<Pending> takeUnwritten() {
        List<Pending> unwritten = new ArrayList<>(queue);
        queue.clear();
        queuedBytes = 0;
        return unwritten;
    }

    // ---------------------------------------------------------------- reading (strand)

    void inputEnded() {
        if (inputDone || closed) {
            return;
        }
        inputDone = true;
        ConnectionHandler h = handler;
        if (h == null) {
            close(null); // the peer left before the session was ready
            return;
        }
        h.onInputClosed(this);
    }

    /** One read from the container into the reading thread's buffer, left ready to be read from. */
    @FunctionalInterface
    interface Filler {
        /** @return the bytes read: 0 when the container has none for now, -1 at the end of the input */
        int fill(ByteBuffer buffer) throws IOException;
    }

    /**
     * Reads while the handler wants input and the container has some, and hands what it reads to
     * the handler (which copies what it keeps: one buffer per reading thread). A failed read closes
     * the connection; a failure of the handler's is an internal error. Strand.
     */
    void readWhileWanted(Filler filler) {
        ByteBuffer buffer = READ_BUFFER.get();
        try {
            while (!readsSuspended && !inputDone && !closed) {
                buffer.clear();
                int n = filler.fill(buffer);
                if (n < 0) {
                    inputEnded();
                    return;
                }
                if (n == 0) {
                    return;
                }
                lastReadNanos = System.nanoTime();
                handler.onData(this, buffer);
            }
        } catch (IOException e) {
            close(e);
        } catch (RuntimeException | Error e) {
            internalError(e);
        }
    }

    void internalError(Throwable error) {
        try {
            handler.onInternalError(this, error);
        } catch (Throwable t) {
            error.addSuppressed(t);
        }
        LOG.log(System.Logger.Level.ERROR, "handling the WebSocket connection from " + remote + " failed", error);
        close(error);
    }

    /**
     * On the strand at once (a reading loop there stops before its next read, as the handler asked
     * in the middle of it); from another thread, after what the strand has to do before.
     */
    @Override
    public void suspendReads() {
        if (strand.inLoop()) {
            readsSuspended = true;
        } else {
            strand.execute(() -> readsSuspended = true);
        }
    }

    /** As {@link #suspendReads()}; the reading itself always waits for the strand's turn: never nested in a read. */
    @Override
    public void resumeReads() {
        if (strand.inLoop()) {
            if (readsSuspended) {
                readsSuspended = false;
                strand.execute(readTask); // the container tells of new bytes only after a read found none
            }
        } else {
            strand.execute(() -> {
                if (readsSuspended) {
                    readsSuspended = false;
                    readAvailable();
                }
            });
        }
    }

    @Override
    public boolean readsSuspended() {
        return readsSuspended;
    }

    // ---------------------------------------------------------------- writing (any thread)

    /** One write: its buffers in order, how far they are written, and its callback. */
    static final class Pending {
        final ByteBuffer[] buffers;
        final WriteCallback callback;
        final long bytes;
        int index;

        Pending(ByteBuffer[] buffers, WriteCallback callback) {
            this.buffers = buffers;
            this.callback = callback;
            long n = 0;
            for (ByteBuffer buffer : buffers) {
                n += buffer.remaining();
            }
            this.bytes = n;
        }
    }

    @Override
    public void write(ByteBuffer buffer, WriteCallback callback) {
        write(new ByteBuffer[] {buffer}, callback);
    }

    @Override
    public void writeOwned(ByteBuffer frame, WriteCallback callback) {
        write(new ByteBuffer[] {frame}, callback);
    }

    @Override
    public void write(ByteBuffer[] buffers, WriteCallback callback) {
        Pending write = new Pending(buffers, callback);
        IOException refused = null;
        synchronized (this) {
            if (closed || outputEnded || closeWhenFlushed) {
                refused = new IOException("the connection is closed");
            } else if (queuedBytes + write.bytes > host.maxQueuedBytes()) {
                refused = new IOException("more than " + host.maxQueuedBytes() + " bytes queued for " + remote);
            } else {
                queue.add(write);
                queuedBytes += write.bytes;
            }
        }
        if (refused != null) {
            callback.written(refused);
            return;
        }
        flush();
    }

    /** Where a flush hands a buffer: the container's output, which takes it whole. */
    @FunctionalInterface
    interface Output {
        void write(ByteBuffer buffer) throws IOException;
    }

    /**
     * Hands the next buffer of the first queued write to {@code output}; when it was that write's
     * last, the write leaves the queue and its callback is told once the flush leaves the lock.
     * Under the lock.
     */
    void writeNext(Output output) throws IOException {
        Pending head = queue.peek();
        ByteBuffer buffer = head.buffers[head.index];
        int n = buffer.remaining();
        output.write(buffer);
        queuedBytes -= n;
        if (++head.index < head.buffers.length) {
            return;
        }
        queue.poll();
        if (finished == null) {
            finished = new ArrayList<>(2); // most flushes finish one write or none: no list until one is finished
        }
        finished.add(head.callback);
    }

    /** One flush's work under the lock: {@link #writeNext} while the container takes more. */
    @FunctionalInterface
    interface QueueWriter {
        /** @return whether the connection closes now (all written, and it was to close after that) */
        boolean writeQueued() throws IOException;
    }

    /**
     * A flush of writes handed over buffer by buffer: {@code writer} runs under the lock; then,
     * outside it, the finished writes' callbacks and the listener are told, and the connection
     * closes on the strand when the flush failed or was the last one.
     */
    void flush(QueueWriter writer) {
        List<WriteCallback> done;
        Throwable failure = null;
        boolean closeNow = false;
        Boolean writabilityChange;
        synchronized (this) {
            try {
                closeNow = writer.writeQueued();
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
            done = finished;
            finished = null;
            writabilityChange = writability();
        }
        written(done == null ? List.of() : done, writabilityChange);
        if (failure != null) {
            Throwable cause = failure;
            strand.execute(() -> close(cause));
        } else if (closeNow) {
            strand.execute(() -> close(null));
        }
    }

    /** A change of writability the queue's byte count made, or null. Under the lock. */
    Boolean writability() {
        if (writable && queuedBytes > host.highWaterMark()) {
            writable = false;
            return false;
        }
        if (!writable && queuedBytes < host.lowWaterMark()) {
            writable = true;
            return true;
        }
        return null;
    }

    /** Tells the finished writes' callbacks, then the listener of a change of writability. Outside the lock. */
    void written(List<WriteCallback> done, Boolean writabilityChange) {
        if (!done.isEmpty()) {
            lastWriteNanos = System.nanoTime();
        }
        for (WriteCallback callback : done) {
            callback.written(null);
        }
        WritabilityListener listener = writabilityListener;
        if (writabilityChange != null && listener != null) {
            listener.onWritabilityChanged(writabilityChange);
        }
    }

    @Override
    public void cork() {
        // the container gathers what is written while it is busy; nothing is held back here
    }

    @Override
    public void uncork() {
        // see cork()
    }

    @Override
    public synchronized boolean isWritable() {
        return writable;
    }

    @Override
    public synchronized long queuedBytes() {
        return queuedBytes;
    }

    // ---------------------------------------------------------------- closing

    @Override
    public void closeAfterFlush() {
        synchronized (this) {
            closeWhenFlushed = true;
        }
        flush();
    }

    @Override
    public void shutdownOutputAfterFlush() {
        synchronized (this) {
            outputEnded = true;
        }
        flush();
    }

    @Override
    public void abort(Throwable cause) {
        strand.execute(() -> close(cause));
    }

    /** Closes the connection, fails what is unwritten and tells the handler, once. Strand. */
    void close(Throwable cause) {
        List<Pending> failed;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            failed = takeUnwritten();
        }
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        closeTransport(cause);
        IOException closedException = new IOException("the connection closed", cause);
        for (Pending write : failed) {
            write.callback.written(closedException);
        }
        ConnectionHandler h = handler;
        if (h != null) {
            h.onClosed(this, cause);
        }
    }

    // ---------------------------------------------------------------- timers

    @Override
    public void scheduleTimer(long deadlineNanos) {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (deadlineNanos == 0 || closed) {
            return;
        }
        long delay = Math.max(0, deadlineNanos - System.nanoTime());
        timer = host.timers().schedule(() -> strand.execute(this::timerFired), delay, TimeUnit.NANOSECONDS);
    }

    private void timerFired() {
        if (closed) {
            return;
        }
        timer = null;
        long next = handler.onTimer(this, System.nanoTime());
        if (next != 0 && timer == null) {
            scheduleTimer(next);
        }
    }

    // ---------------------------------------------------------------- the rest

    @Override
    public Strand loop() {
        return strand;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public void setHandler(ConnectionHandler handler) {
        boolean first = this.handler == null;
        this.handler = handler;
        if (first) {
            strand.execute(readTask); // bytes that arrived before the session was ready
        }
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
        return !closed;
    }
}
