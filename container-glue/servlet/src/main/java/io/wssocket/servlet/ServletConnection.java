package io.wssocket.servlet;

import io.wssocket.transport.Connection;
import io.wssocket.transport.ConnectionHandler;
import io.wssocket.transport.WritabilityListener;
import io.wssocket.transport.WriteCallback;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A connection a Servlet container upgraded, as the protocol layers see a {@link Connection}: read
 * with a non-blocking {@link ReadListener}, written with a non-blocking {@link WriteListener}, no
 * thread of its own. Reads run on the container's listener threads inside the connection's
 * {@link Strand}; writes come from any thread, go to the container's output stream while it is
 * ready and wait in a queue (bounded by the server's water marks and limit) while it is not.
 *
 * <p>One lock, {@code this}, guards the output: the queue, its byte count, the stream's writes and
 * the end of output. No callback runs under it.
 */
final class ServletConnection implements Connection {
    private static final System.Logger LOG = System.getLogger(ServletConnection.class.getName());
    /** Bytes read from the container per call; the handler copies what it keeps (one array per reading thread). */
    private static final ThreadLocal<byte[]> READ_BUFFER = ThreadLocal.withInitial(() -> new byte[16 * 1024]);

    private final WebConnection web;
    private final ServletInputStream in;
    private final ServletOutputStream out;
    private final Strand strand;
    private final ServletHost host;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final boolean secure;

    private volatile ConnectionHandler handler;
    private volatile WritabilityListener writabilityListener;
    private volatile long lastReadNanos = System.nanoTime();
    private volatile long lastWriteNanos = System.nanoTime();
    /** Strand only. */
    private boolean readsSuspended;
    /** Strand only: the input has ended or failed. */
    private boolean inputDone;
    private volatile boolean closed;
    /** The read listener is set: before it, isReady() throws (Tomcat), and reading waits for the container's first onDataAvailable. */
    private volatile boolean listening;
    /** The write listener is set: before it the stream must not be touched (Tomcat throws), writes are queued. */
    private volatile boolean writing;
    private ScheduledFuture<?> timer;

    // guarded by this
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean writable = true;
    private boolean closeWhenFlushed;
    private boolean outputEnded;

    ServletConnection(WebConnection web, ServletHost host, InetSocketAddress remote, InetSocketAddress local,
                      boolean secure) throws IOException {
        this.web = web;
        this.in = web.getInputStream();
        this.out = web.getOutputStream();
        this.host = host;
        this.strand = new Strand(host.threads());
        this.remote = remote;
        this.local = local;
        this.secure = secure;
    }

    /** Sets the container's listeners: reading and writing start. Call after the handler is installed. */
    void start() {
        in.setReadListener(new Reading());
        listening = true;
        out.setWriteListener(new Writing());
        writing = true;
        flush(); // what onOpen sent before the listener was set
    }

    // ---------------------------------------------------------------- reading (strand)

    private final class Reading implements ReadListener {
        @Override
        public void onDataAvailable() {
            listening = true; // called from inside setReadListener by some containers
            strand.runNow(ServletConnection.this::readAvailable);
        }

        @Override
        public void onAllDataRead() {
            strand.runNow(ServletConnection.this::inputEnded);
        }

        @Override
        public void onError(Throwable failure) {
            strand.runNow(() -> close(failure));
        }
    }

    private void readAvailable() {
        if (handler == null || !listening) {
            // The session installs its handler on the strand: what came meanwhile is read then. A
            // session that resumed reading before init set the listener: the container calls onDataAvailable.
            return;
        }
        byte[] buffer = READ_BUFFER.get();
        try {
            while (!readsSuspended && !inputDone && !closed && in.isReady()) {
                int n = in.read(buffer);
                if (n < 0) {
                    inputEnded();
                    return;
                }
                if (n > 0) {
                    lastReadNanos = System.nanoTime();
                    ByteBuffer data = ByteBuffer.wrap(buffer, 0, n);
                    handler.onData(this, data);
                }
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
        ConnectionHandler h = handler;
        if (h == null) {
            close(null); // the peer left before the session was ready
            return;
        }
        h.onInputClosed(this);
    }

    private void internalError(Throwable error) {
        try {
            handler.onInternalError(this, error);
        } catch (Throwable t) {
            error.addSuppressed(t);
        }
        LOG.log(System.Logger.Level.ERROR, "handling the WebSocket connection from " + remote + " failed", error);
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
                readAvailable(); // the container calls onDataAvailable again only after isReady() said no
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
        int index;

        Pending(ByteBuffer[] buffers, WriteCallback callback) {
            this.buffers = buffers;
            this.callback = callback;
        }

        long remaining() {
            long n = 0;
            for (int i = index; i < buffers.length; i++) {
                n += buffers[i].remaining();
            }
            return n;
        }
    }

    private final class Writing implements WriteListener {
        @Override
        public void onWritePossible() {
            writing = true; // called from inside setWriteListener by some containers
            flush();
        }

        @Override
        public void onError(Throwable failure) {
            strand.execute(() -> close(failure));
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
            } else {
                long bytes = write.remaining();
                if (queuedBytes + bytes > host.maxQueuedBytes()) {
                    refused = new IOException("more than " + host.maxQueuedBytes() + " bytes queued for " + remote);
                } else {
                    queue.add(write);
                    queuedBytes += bytes;
                }
            }
        }
        if (refused != null) {
            callback.written(refused);
            return;
        }
        flush();
    }

    /**
     * Writes what is queued while the container's stream is ready; then tells the callbacks of the
     * writes it finished, and the listener of a change of writability, outside the lock.
     */
    private void flush() {
        List<WriteCallback> done = new ArrayList<>();
        Throwable failure = null;
        Boolean writabilityChange = null;
        boolean closeNow = false;
        synchronized (this) {
            try {
                while (writing && !queue.isEmpty() && !closed && out.isReady()) {
                    Pending head = queue.peek();
                    ByteBuffer buffer = head.buffers[head.index];
                    int n = buffer.remaining();
                    writeTo(buffer);
                    queuedBytes -= n;
                    if (++head.index == head.buffers.length) {
                        queue.poll();
                        done.add(head.callback);
                    }
                }
                if (!done.isEmpty() && !closed && out.isReady()) {
                    out.flush();
                }
                if (writing && queue.isEmpty() && (closeWhenFlushed || outputEnded) && !closed && out.isReady()) {
                    closeNow = true;
                }
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
            if (writable && queuedBytes > host.highWaterMark()) {
                writable = false;
                writabilityChange = false;
            } else if (!writable && queuedBytes < host.lowWaterMark()) {
                writable = true;
                writabilityChange = true;
            }
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
        if (failure != null) {
            Throwable cause = failure;
            strand.execute(() -> close(cause));
        } else if (closeNow) {
            strand.execute(() -> close(null));
        }
    }

    /**
     * Hands one buffer to the stream, which in non-blocking mode takes it whole. Only whole arrays
     * are passed: Undertow's non-blocking stream sends all of an array whatever offset and length it
     * is given. The frames the protocol writes are whole arrays; anything else is copied. Under the lock.
     */
    private void writeTo(ByteBuffer buffer) throws IOException {
        if (buffer.hasArray() && buffer.arrayOffset() + buffer.position() == 0 && buffer.remaining() == buffer.array().length) {
            out.write(buffer.array());
            buffer.position(buffer.limit());
            return;
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.get(copy);
        out.write(copy);
    }

    @Override
    public void cork() {
        // writes go to the container's stream as they come; it buffers them itself
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

    /**
     * A Servlet connection cannot end only its output: it closes once everything queued is
     * written, which also ends reading (the peer's close frame has been read or will not be waited for).
     */
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

    /** The container ended the upgraded request ({@code HttpUpgradeHandler.destroy}). */
    void destroyed() {
        strand.execute(() -> close(null));
    }

    /** Closes the connection, fails what is queued and tells the handler, once. Strand. */
    private void close(Throwable cause) {
        List<Pending> failed;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            failed = new ArrayList<>(queue);
            queue.clear();
            queuedBytes = 0;
        }
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        try {
            web.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the upgraded connection from " + remote, e);
        }
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
            strand.execute(this::readAvailable); // bytes that arrived before the session was ready
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
    public String toString() {
        return "servlet connection from " + remote;
    }
}
