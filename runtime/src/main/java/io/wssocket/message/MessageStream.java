package io.wssocket.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One message read by endpoint code while its frames still arrive: the thread that reads the
 * connection {@linkplain #append appends} each piece, a handler reads them through
 * {@link #inputStream()} or {@link #reader()}. Nothing gathers the message: at most about
 * {@code bound} bytes wait between the two (plus the piece that crossed it), so a message of any
 * size passes through a small, fixed amount of memory.
 *
 * <p>When the waiting bytes exceed the bound, {@link #append} tells the connection to stop reading;
 * the {@link Owner} is told to resume once the reader has taken them down to half the bound (not
 * just under it: reading does not flap per piece), or has given up on the message. End of the
 * message is end of stream; a connection that ends first makes the reader's next read, once it
 * has what arrived, throw an {@link IOException} instead of waiting for bytes that will not come.
 * A handler that returns without reading to the end {@linkplain #discard() discards} the rest:
 * what waits is released, and later pieces are dropped as they arrive.
 */
public final class MessageStream {

    /** Who counts the bytes that wait, and resumes reading. */
    public interface Owner {
        /** Bytes were copied in and now wait. The appending thread, before they can be read. */
        void held(long bytes);

        /** Bytes that waited were read or discarded. The reading thread. */
        void released(long bytes);

        /** Reading, paused by {@link #append}, may resume: the reader caught up or gave up. The reading thread. */
        void drained();

        /**
         * Runs {@code wait}, which blocks the reading thread until the peer sends more (or the
         * message ends or is cut off): the owner may lend the thread's pool a spare meanwhile, as
         * for any wait on a peer. The reading thread.
         */
        default void waitForPeer(Runnable wait) {
            wait.run();
        }
    }

    private final long bound;
    private final Owner owner;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    // Guarded by lock.
    private final ArrayDeque<byte[]> pieces = new ArrayDeque<>();
    /** Read position in the first piece. */
    private int offset;
    private long waiting;
    private boolean ended;
    private boolean discarded;
    private boolean pauseAsked;
    private IOException failure;
    private final InputStream in = new In();

    /**
     * @param bound bytes that may wait before {@link #append} asks to pause reading
     * @param owner counts the waiting bytes and resumes reading
     */
    public MessageStream(long bound, Owner owner) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound must be at least 1 byte, not " + bound);
        }
        this.bound = bound;
        this.owner = Objects.requireNonNull(owner);
    }

    /**
     * Copies a piece of the message in (its position does not move). The connection's thread.
     *
     * @param last whether it ends the message
     * @return true if the connection should stop reading now: more than the bound waits, and the
     *     owner is told {@link Owner#drained()} once it may resume
     */
    public boolean append(ByteBuffer piece, boolean last) {
        int n = piece.remaining();
        lock.lock();
        try {
            if (discarded || failure != null) {
                return false;
            }
            if (n > 0) {
                byte[] copy = new byte[n];
                piece.get(piece.position(), copy);
                owner.held(n);
                pieces.add(copy);
                waiting += n;
            }
            if (last) {
                ended = true;
            }
            arrived.signalAll();
            if (waiting > bound && !pauseAsked) {
                pauseAsked = true;
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The connection ended before the message did: once the reader has taken what arrived, its
     * next read throws. The connection's thread; nothing if the message was complete.
     */
    public void fail(String why) {
        lock.lock();
        try {
            if (!ended && failure == null) {
                failure = new IOException("the message was cut off: " + why);
                arrived.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The reader is done with the message (its handler returned, or it closed the stream): what
     * still waits is released and what arrives later is dropped. The reading thread; idempotent.
     */
    public void discard() {
        long released;
        boolean resume;
        lock.lock();
        try {
            if (discarded) {
                return;
            }
            discarded = true;
            released = waiting;
            waiting = 0;
            pieces.clear();
            offset = 0;
            resume = pauseAsked;
            pauseAsked = false;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        owner.released(released);
        if (resume) {
            owner.drained();
        }
    }

    /** Whether the reader gave up on the message: later pieces are not kept. */
    public boolean isDiscarded() {
        lock.lock();
        try {
            return discarded;
        } finally {
            lock.unlock();
        }
    }

    /** The message's bytes; closing it {@linkplain #discard() discards} the rest. */
    public InputStream inputStream() {
        return in;
    }

    /**
     * The message's text, decoded from its UTF-8 bytes (validated by the wire layer) as they
     * arrive; a character split between pieces is decoded once its last byte is in.
     */
    public Reader reader() {
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    /**
     * Takes up to {@code len} waiting bytes, blocking until at least one waits, the message
     * ended (-1) or the connection did (an exception).
     */
    private int take(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int taken = 0;
        boolean resume = false;
        lock.lock();
        try {
            while (pieces.isEmpty()) {
                if (discarded) {
                    throw new IOException("the message stream is closed");
                }
                if (ended) {
                    return -1;
                }
                if (failure != null) {
                    throw new IOException(failure.getMessage(), failure);
                }
                owner.waitForPeer(arrived::awaitUninterruptibly);
            }
            while (taken < len && !pieces.isEmpty()) {
                byte[] first = pieces.peekFirst();
                int n = Math.min(len - taken, first.length - offset);
                System.arraycopy(first, offset, b, off + taken, n);
                taken += n;
                offset += n;
                if (offset == first.length) {
                    pieces.pollFirst();
                    offset = 0;
                }
            }
            waiting -= taken;
            if (pauseAsked && waiting <= bound / 2) {
                pauseAsked = false;
                resume = true;
            }
        } finally {
            lock.unlock();
        }
        owner.released(taken);
        if (resume) {
            owner.drained();
        }
        return taken;
    }

    private int available() {
        lock.lock();
        try {
            return (int) Math.min(Integer.MAX_VALUE, waiting);
        } finally {
            lock.unlock();
        }
    }

    /** What the handler holds: reads block until bytes arrive, never gather. */
    private final class In extends InputStream {
        private final byte[] one = new byte[1];

        @Override
        public int read() throws IOException {
            int n = take(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return take(b, off, len);
        }

        /** The bytes that can be read without blocking (InputStreamReader asks, to return what it decoded). */
        @Override
        public int available() {
            return MessageStream.this.available();
        }

        @Override
        public void close() {
            discard();
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "MessageStream[" + waiting + " bytes waiting" + (ended ? ", ended" : "")
                    + (discarded ? ", discarded" : "") + (failure != null ? ", failed" : "") + "]";
        } finally {
            lock.unlock();
        }
    }
}
