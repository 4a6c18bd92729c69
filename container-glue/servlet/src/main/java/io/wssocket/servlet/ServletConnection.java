package io.wssocket.servlet;

import io.wssocket.transport.Connection;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

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

    private final WebConnection web;
    private final ServletInputStream in;
    private final ServletOutputStream out;
    private final Output output = this::writeTo;
    private final QueueWriter queueWriter = this::writeQueued;
    private final Filler filler = this::fill;
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
            strand.runNow(readTask);
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
        // The session installs its handler on the strand: what came meanwhile is read then. Before
        // the container's first onDataAvailable, that callback reads (see listening).
        if (handler != null && listening) {
            readWhileWanted(filler);
        }
    }

    /**
     * What the stream has now; none only once it says it is not ready, which is when the container
     * promises the next onDataAvailable.
     */
    private int fill(ByteBuffer buffer) throws IOException {
        while (in.isReady()) {
            int n = in.read(buffer.array(), 0, buffer.capacity());
            if (n != 0) {
                buffer.limit(Math.max(n, 0));
                return n;
            }
        }
        return 0;
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
        flush(queueWriter);
    }

    /** Under the lock: while the container's stream is ready. */
    private boolean writeQueued() throws IOException {
        boolean wrote = false;
        while (writing && !queue.isEmpty() && !closed && out.isReady()) {
            writeNext(output);
            wrote = true;
        }
        if (wrote && !closed && out.isReady()) {
            out.flush();
        }
        // A Servlet connection cannot end only its output: it closes once everything queued is
        // written, which also ends reading (the peer's close frame has been read or will not be waited for).
        return writing && queue.isEmpty() && (closeWhenFlushed || outputEnded) && !closed && out.isReady();
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
