package io.wssocket.transport;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A byte stream to one peer, as the protocol layers above the transport see it: reads go to the
 * current {@link ConnectionHandler} on the connection's {@link ConnectionLoop}; writes may come
 * from any thread and keep their order; a bounded queue reports its water marks to a
 * {@link WritabilityListener}. {@link SocketConnection} is a socket of WS Socket's own NIO server
 * or client; a Servlet container's upgraded connection is another.
 *
 * <p>Contract for every implementation: every write's callback runs exactly once (when written
 * or when the connection closes); bytes reach the peer in the order written; the handler's calls
 * and the loop's tasks never overlap; {@link ConnectionHandler#onClosed} is called once, last; no
 * callback runs under a lock the implementation holds.
 */
public interface Connection {

    /** Where this connection's handler runs. */
    ConnectionLoop loop();

    InetSocketAddress remoteAddress();

    InetSocketAddress localAddress();

    /** Whether the bytes are encrypted on their way (wss). */
    boolean isSecure();

    /** Hands the connection to the next protocol (the handshake handler installs the WebSocket one). */
    void setHandler(ConnectionHandler handler);

    /** Told when the outbound queue crosses its high and low water marks. */
    void setWritabilityListener(WritabilityListener listener);

    /** When bytes were last read, in {@link System#nanoTime()} terms. */
    long lastReadNanos();

    /** When bytes were last written, in {@link System#nanoTime()} terms. */
    long lastWriteNanos();

    boolean isOpen();

    /** False from crossing the high water mark of queued bytes until falling below the low one. */
    boolean isWritable();

    /** Bytes written but not yet taken by the peer's socket. */
    long queuedBytes();

    /**
     * Stops reading until {@link #resumeReads()}: backpressure towards the peer. Any thread; calls
     * from other threads take effect in order on the loop, the last one winning.
     */
    void suspendReads();

    /** Reads again after {@link #suspendReads()}. Any thread. */
    void resumeReads();

    /** Whether reading is paused: what the peer sends waits, so silence is then no sign of a stalled peer. Loop thread. */
    boolean readsSuspended();

    /**
     * Writes the buffer after everything written before; the callback runs once it is written or
     * the connection closed. The buffer must not be changed until then. Any thread.
     */
    void write(ByteBuffer buffer, WriteCallback callback);

    /** As {@link #write(ByteBuffer, WriteCallback)} for several buffers, in order. */
    void write(ByteBuffer[] buffers, WriteCallback callback);

    /**
     * Writes a frame that belongs to the connection from now on (a copy nobody else changes);
     * while {@linkplain #cork() corked} it may be held to leave with the frames after it.
     */
    void writeOwned(ByteBuffer frame, WriteCallback callback);

    /** Holds owned frames until {@link #uncork()}, bounded in bytes and in time. Any thread; calls nest. */
    void cork();

    /** Ends a {@link #cork()}; the last one writes what is held. */
    void uncork();

    /** Closes once everything queued has been written. Any thread. */
    void closeAfterFlush();

    /** Ends the output once everything queued has been written and keeps reading. Any thread. */
    void shutdownOutputAfterFlush();

    /** Closes at once, dropping anything queued. Any thread. */
    void abort(Throwable cause);

    /**
     * Called by a thread about to wait for this connection's writes (a blocking send, a send's
     * future). Where that thread holds what the connection's own writing needs, as a container's
     * event thread does (the container's write event waits for the event it is in), the connection
     * writes what is queued here, blocking this thread for at most {@code timeoutMillis} (none when
     * not positive); a failure closes the connection and fails the writes. Everywhere else it does
     * nothing: the writes finish by themselves. Any thread.
     */
    default void flushBeforeWait(long timeoutMillis) {
        // writes finish without the waiting thread
    }

    /**
     * From now on, holds the frames written while a read is handled until it is handled, as
     * {@link #cork()} does: endpoint code run on the loop answers what it read, and the answers to
     * one read leave in one write. Loop thread.
     */
    default void holdWritesWhileReading() {
        // a connection that does not read on a loop of its own has nothing to hold
    }

    /** Asks for {@link ConnectionHandler#onTimer} at or shortly after {@code deadlineNanos}; 0 for none. Loop thread. */
    void scheduleTimer(long deadlineNanos);
}
