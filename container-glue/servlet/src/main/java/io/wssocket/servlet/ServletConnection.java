package io.wssocket.servlet;

import io.wssocket.transport.Connection;
import io.wssocket.transport.WriteCallback;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

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
final class ServletConnection extends UpgradedConnection {
    private static final System.Logger LOG = System.getLogger(ServletConnection.class.getName());
    /** Bytes read from the container per call; the handler copies what it keeps (one array per reading thread). */
    private static final ThreadLocal<byte[]> READ_BUFFER = ThreadLocal.withInitial(() -> new byte[16 * 1024]);

    private final WebConnection web;
    private final ServletInputStream in;
    private final ServletOutputStream out;
    /**
     * The container has called onDataAvailable once. Before that our own threads read nothing: the
     * streams throw before the listener is set (Tomcat), and a read racing the container's own first
     * fill returns garbage (Undertow, whose upgraded input is the I/O thread's); what came meanwhile
     * is read in that first callback.
     */
    private volatile boolean listening;
    /** The write listener is set: before it the stream must not be touched (Tomcat throws), writes are queued. */
    private volatile boolean writing;

    ServletConnection(WebConnection web, ServletHost host, InetSocketAddress remote, InetSocketAddress local,
                      boolean secure) throws IOException {
        super(host, remote, local, secure);
        this.web = web;
        this.in = web.getInputStream();
        this.out = web.getOutputStream();
    }

    /** Sets the container's listeners: reading and writing start. Call after the handler is installed. */
    void start() {
        in.setReadListener(new Reading());
        out.setWriteListener(new Writing());
        writing = true;
        flush(); // what onOpen sent before the listener was set
    }

    // ---------------------------------------------------------------- reading (strand)

    private final class Reading implements ReadListener {
        @Override
        public void onDataAvailable() {
            listening = true;
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

    @Override
    void readAvailable() {
        if (handler == null || !listening) {
            // The session installs its handler on the strand: what came meanwhile is read then. Before
            // the container's first onDataAvailable, that callback reads (see listening).
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

    // ---------------------------------------------------------------- writing (any thread)

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

    /**
     * Writes what is queued while the container's stream is ready; then tells the callbacks of the
     * writes it finished, and the listener of a change of writability, outside the lock.
     */
    @Override
    void flush() {
        List<WriteCallback> done = null; // most flushes finish one write or none: no list until one is finished
        Throwable failure = null;
        Boolean writabilityChange;
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
                        if (done == null) {
                            done = new ArrayList<>(2);
                        }
                        done.add(head.callback);
                    }
                }
                if (done != null && !closed && out.isReady()) {
                    out.flush();
                }
                // A Servlet connection cannot end only its output: it closes once everything queued is
                // written, which also ends reading (the peer's close frame has been read or will not be waited for).
                if (writing && queue.isEmpty() && (closeWhenFlushed || outputEnded) && !closed && out.isReady()) {
                    closeNow = true;
                }
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
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

    // ---------------------------------------------------------------- closing

    /** The container ended the upgraded request ({@code HttpUpgradeHandler.destroy}). */
    void destroyed() {
        strand.execute(() -> close(null));
    }

    @Override
    void closeTransport(Throwable cause) {
        try {
            web.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the upgraded connection from " + remoteAddress(), e);
        }
    }

    @Override
    public String toString() {
        return "servlet connection from " + remoteAddress();
    }
}
