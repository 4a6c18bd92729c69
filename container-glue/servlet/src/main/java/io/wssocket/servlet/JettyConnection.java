package io.wssocket.servlet;

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
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection.UpgradeTo;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;

/**
 * A connection Jetty 12 handed over at its core level ({@link JettyHandover}), as the protocol
 * layers see a {@link io.wssocket.transport.Connection}: Jetty's endpoint in place of its HTTP/1.1
 * connection, read when Jetty says it is fillable, written with Jetty's non-blocking
 * {@code write(Callback, ByteBuffer...)}, no thread of its own.
 *
 * <p>Reads run on Jetty's threads inside the connection's {@link Strand}. Writes come from any
 * thread and wait in a queue (bounded by the server's water marks and limit); one write is at the
 * endpoint at a time, with everything queued behind it gathered into the next. One lock,
 * {@code this}, guards the queue, its byte count and the end of output; no callback runs under it.
 * Idle connections are the protocol's to time out (its own timers), not the endpoint's.
 */
final class JettyConnection extends AbstractConnection implements io.wssocket.transport.Connection, UpgradeTo {
    private static final System.Logger LOG = System.getLogger(JettyConnection.class.getName());
    /** Bytes read from the endpoint per call; the handler copies what it keeps (one buffer per reading thread). */
    private static final ThreadLocal<ByteBuffer> READ_BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocate(16 * 1024));
    /** At most this many buffers go to the endpoint in one gathering write. */
    private static final int MAX_GATHERED = 64;

    private final AcceptedUpgrade accepted;
    private final ServletHost host;
    private final Strand strand;
    private final Callback fillable = Callback.from(this::onFillable, this::onFillInterestedFailed);
    private final Flusher flusher = new Flusher();

    private volatile ConnectionHandler handler;
    private volatile WritabilityListener writabilityListener;
    private volatile long lastReadNanos = System.nanoTime();
    private volatile long lastWriteNanos = System.nanoTime();
    /** What Jetty had read beyond the request head, for the handler's first read; strand only once open. */
    private ByteBuffer prefilled;
    /** Strand only. */
    private boolean readsSuspended;
    /** Strand only: the input has ended. */
    private boolean inputDone;
    private volatile boolean closed;
    private ScheduledFuture<?> timer;

    // guarded by this
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    /** The writes at the endpoint now. */
    private final List<Pending> inFlight = new ArrayList<>();
    private long queuedBytes;
    private boolean writable = true;
    private boolean closeWhenFlushed;
    private boolean outputEnded;
    private boolean outputShut;

    JettyConnection(EndPoint endPoint, Executor executor, AcceptedUpgrade accepted) {
        super(endPoint, executor);
        this.accepted = accepted;
        this.host = accepted.host();
        this.strand = new Strand(host.threads());
    }

    // ---------------------------------------------------------------- Jetty's side

    /** Jetty's HTTP/1.1 connection had read these bytes after the request: the client's first frames. */
    @Override
    public void onUpgradeTo(ByteBuffer buffer) {
        ByteBuffer copy = ByteBuffer.allocate(buffer.remaining());
        copy.put(buffer).flip();
        prefilled = copy;
    }

    /** On the endpoint, with the 101 written: the session opens; reading starts once it installed its handler. */
    @Override
    public void onOpen() {
        super.onOpen();
        if (!accepted.open(this)) {
            getEndPoint().close();
        }
    }

    @Override
    public void onFillable() {
        strand.runNow(this::readAvailable);
    }

    @Override
    public void onFillInterestedFailed(Throwable cause) {
        strand.runNow(() -> close(cause));
    }

    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        strand.execute(() -> close(cause));
    }

    /** The protocol's own timers decide when a quiet connection is dead; the endpoint's idle timeout does not. */
    @Override
    public boolean onIdleExpired(TimeoutException timeout) {
        return false;
    }

    // ---------------------------------------------------------------- reading (strand)

    private void readAvailable() {
        ConnectionHandler h = handler;
        if (h == null) {
            return; // the session installs its handler on the strand: reading starts then
        }
        try {
            if (prefilled != null && !readsSuspended && !closed) {
                ByteBuffer first = prefilled; // the session suspends reading until its endpoint's onOpen has run
                prefilled = null;
                lastReadNanos = System.nanoTime();
                h.onData(this, first);
            }
            ByteBuffer buffer = READ_BUFFER.get();
            while (prefilled == null && !readsSuspended && !inputDone && !closed) {
                BufferUtil.clear(buffer);
                int n = getEndPoint().fill(buffer);
                if (n < 0) {
                    inputEnded();
                    return;
                }
                if (n == 0) {
                    getEndPoint().tryFillInterested(fillable); // none when one is pending already
                    return;
                }
                lastReadNanos = System.nanoTime();
                h.onData(this, buffer);
            }
        } catch (IOException e) {
            close(e);
        } catch (RuntimeException | Error e) {
            internalError(e);
        }
    }

    private void inputEnded() {
        if (inputDone || closed) {
            return;
        }
        inputDone = true;
        handler.onInputClosed(this);
    }

    private void internalError(Throwable error) {
        try {
            handler.onInternalError(this, error);
        } catch (Throwable t) {
            error.addSuppressed(t);
        }
        LOG.log(System.Logger.Level.ERROR, "handling the WebSocket connection from " + remoteAddress() + " failed", error);
        close(error);
    }

    @Override
    public void suspendReads() {
        strand.execute(() -> readsSuspended = true);
    }

    @Override
    public void resumeReads() {
        strand.execute(() -> {
            if (readsSuspended) {
                readsSuspended = false;
                readAvailable();
            }
        });
    }

    @Override
    public boolean readsSuspended() {
        return readsSuspended;
    }

    // ---------------------------------------------------------------- writing (any thread)

    /** One write: its buffers in order, and its callback. */
    private static final class Pending {
        final ByteBuffer[] buffers;
        final WriteCallback callback;
        final long bytes;

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
                refused = new IOException("more than " + host.maxQueuedBytes() + " bytes queued for " + remoteAddress());
            } else {
                queue.add(write);
                queuedBytes += write.bytes;
            }
        }
        if (refused != null) {
            callback.written(refused);
            return;
        }
        flusher.iterate();
    }

    /**
     * Jetty's way to keep one write at the endpoint: each step tells the writes the last one
     * finished, then hands the endpoint everything queued meanwhile. Writes that complete at once
     * loop here instead of recursing.
     */
    private final class Flusher extends IteratingCallback {
        @Override
        protected Action process() {
            List<WriteCallback> done = new ArrayList<>();
            List<ByteBuffer> batch = new ArrayList<>();
            Boolean writabilityChange;
            boolean closeNow = false;
            boolean shutOutput = false;
            synchronized (JettyConnection.this) {
                for (Pending write : inFlight) {
                    queuedBytes -= write.bytes;
                    done.add(write.callback);
                }
                inFlight.clear();
                while (!closed && !queue.isEmpty() && batch.size() + queue.peek().buffers.length <= MAX_GATHERED) {
                    Pending write = queue.poll();
                    inFlight.add(write);
                    batch.addAll(List.of(write.buffers));
                }
                if (!closed && batch.isEmpty() && !queue.isEmpty()) {
                    Pending large = queue.poll(); // more buffers than one gathering write takes: alone
                    inFlight.add(large);
                    batch.addAll(List.of(large.buffers));
                }
                if (batch.isEmpty() && !closed) {
                    closeNow = closeWhenFlushed;
                    shutOutput = outputEnded && !outputShut && !closeNow;
                    outputShut |= shutOutput;
                }
                writabilityChange = writability();
            }
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
            if (!batch.isEmpty()) {
                getEndPoint().write(this, batch.toArray(ByteBuffer[]::new));
                return Action.SCHEDULED;
            }
            if (closeNow) {
                strand.execute(() -> JettyConnection.this.close(null));
            } else if (shutOutput) {
                getEndPoint().shutdownOutput(); // reading goes on: the peer's close frame may still come
            }
            return Action.IDLE;
        }

        @Override
        protected void onCompleteFailure(Throwable cause) {
            strand.execute(() -> JettyConnection.this.close(cause));
        }
    }

    /** A change of writability the queue's byte count caused, or null. Under the lock. */
    private Boolean writability() {
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

    @Override
    public void cork() {
        // writes queued while one is at the endpoint leave together in the next gathering write
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
        flusher.iterate();
    }

    @Override
    public void shutdownOutputAfterFlush() {
        synchronized (this) {
            outputEnded = true;
        }
        flusher.iterate();
    }

    @Override
    public void abort(Throwable cause) {
        strand.execute(() -> close(cause));
    }

    /** Closes the endpoint, fails what is queued or being written and tells the handler, once. Strand. */
    private void close(Throwable cause) {
        List<Pending> failed;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            failed = new ArrayList<>(inFlight);
            failed.addAll(queue);
            inFlight.clear();
            queue.clear();
            queuedBytes = 0;
        }
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        getEndPoint().close(cause);
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
        return accepted.remote();
    }

    @Override
    public InetSocketAddress localAddress() {
        return accepted.local();
    }

    @Override
    public boolean isSecure() {
        return accepted.secure();
    }

    @Override
    public void setHandler(ConnectionHandler handler) {
        boolean first = this.handler == null;
        this.handler = handler;
        if (first) {
            strand.execute(this::readAvailable); // the bytes Jetty had read, then the endpoint's
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

    @Override
    public String toConnectionString() {
        return "WS Socket connection from " + remoteAddress();
    }
}
