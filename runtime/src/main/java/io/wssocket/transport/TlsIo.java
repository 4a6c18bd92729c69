package io.wssocket.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * TLS between a {@link SocketConnection} and its socket, through an {@link SSLEngine}: ciphertext in,
 * plaintext to the handler; plaintext from writers, records to the socket; the handshake driven
 * as the engine asks. Every method is called with the connection's lock held, so wraps (from any
 * writer thread, and the handshake's on the loop) stay in order.
 *
 * <p>Handshake crypto: with {@code delegateTasks} the engine's delegated tasks are not run here;
 * {@link #unwrap} stops with {@link Unwrapped#TASKS}, keeping the unread ciphertext, and the
 * connection runs {@link #runDelegatedTasks()} elsewhere (reads paused) and then calls
 * {@link #unwrap} again with nothing new, which takes the handshake on from where it stopped.
 * Writers never touch the engine before the handshake has finished, so the tasks race no wrap.
 *
 * <p>Memory: the ciphertext read and the plaintext it decrypts to use the event loop's buffers;
 * a connection holds a buffer of its own only for a partial record that arrived (until the rest
 * comes) and for records the socket did not take at once.
 */
final class TlsIo {
    /** What {@link #unwrap} left to do: nothing, deliver the plaintext and call again, or run the handshake's tasks first. */
    enum Unwrapped { DONE, MORE, TASKS }

    private static final ByteBuffer[] NOTHING = { ByteBuffer.allocate(0) };

    private final SSLEngine engine;
    private final SocketChannel channel;
    private final int applicationBufferSize;
    private final boolean delegateTasks;
    private ByteBuffer netIn;   // a partial record, read mode; null when none
    private ByteBuffer netOut;  // records not yet written, read mode; null until the first wrap
    private boolean handshakeDone;
    private boolean finishedNow;
    private boolean inboundDone;

    /** @param delegateTasks leave the engine's delegated tasks to the caller (see the class comment) */
    TlsIo(SSLEngine engine, SocketChannel channel, boolean delegateTasks) {
        this.engine = engine;
        this.channel = channel;
        this.delegateTasks = delegateTasks;
        this.applicationBufferSize = engine.getSession().getApplicationBufferSize();
    }

    /** Starts the handshake: a client's first flight is written here (or once its tasks have run, see {@link #needsTasks()}). */
    void begin() throws IOException {
        engine.beginHandshake();
        progressHandshake();
        flush();
    }

    /** The handshake waits for delegated tasks, to be run with {@link #runDelegatedTasks()}. */
    boolean needsTasks() {
        return engine.getHandshakeStatus() == HandshakeStatus.NEED_TASK;
    }

    /** Runs the engine's delegated tasks; any thread, without the connection's lock (the engine is not used meanwhile). */
    void runDelegatedTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    boolean handshakeDone() {
        return handshakeDone;
    }

    /** True once, right after the handshake finished: queued application data may go out now. */
    boolean takeFinished() {
        boolean now = finishedNow;
        finishedNow = false;
        return now;
    }

    /** The peer sent close_notify. */
    boolean inboundDone() {
        return inboundDone;
    }

    /** Records are waiting for the socket. */
    boolean hasPendingOutput() {
        return netOut != null && netOut.hasRemaining();
    }

    /** The smallest room {@link #unwrap} needs in its plaintext buffer. */
    int applicationBufferSize() {
        return applicationBufferSize;
    }

    /**
     * Reads from the socket into {@code cipher}, after any partial record kept from before.
     *
     * @return bytes read from the socket, -1 at end of stream; {@code cipher} is flipped
     */
    int read(ByteBuffer cipher) throws IOException {
        cipher.clear();
        if (netIn != null) {
            cipher.put(netIn);
            netIn = null;
        }
        int n = channel.read(cipher);
        cipher.flip();
        return n;
    }

    /** Puts the ciphertext kept from before (while the handshake's tasks ran) into {@code cipher}, flipped; reads nothing. */
    void takeKept(ByteBuffer cipher) {
        cipher.clear();
        if (netIn != null) {
            cipher.put(netIn);
            netIn = null;
        }
        cipher.flip();
    }

    /**
     * Decrypts whole records from {@code cipher} into {@code plain} while it has room, and takes
     * the handshake as far as it can go; a partial record at the end is kept for the next read.
     *
     * @return {@link Unwrapped#MORE} when {@code plain} is full and records are left: deliver it and call again
     */
    Unwrapped unwrap(ByteBuffer cipher, ByteBuffer plain) throws IOException {
        if (!progressHandshake()) {
            keepPartialRecord(cipher); // the rest waits for the tasks
            return Unwrapped.TASKS;
        }
        while (cipher.hasRemaining() && !inboundDone) {
            if (plain.remaining() < applicationBufferSize) {
                return Unwrapped.MORE;
            }
            SSLEngineResult result = engine.unwrap(cipher, plain);
            switch (result.getStatus()) {
                case BUFFER_UNDERFLOW:
                    keepPartialRecord(cipher);
                    return progressHandshake() ? Unwrapped.DONE : Unwrapped.TASKS;
                case BUFFER_OVERFLOW:
                    return Unwrapped.MORE;
                case CLOSED:
                    inboundDone = true;
                    break;
                default:
                    break;
            }
            refuseRenegotiation(result.getHandshakeStatus());
            noteFinished(result.getHandshakeStatus());
            if (!progressHandshake()) {
                keepPartialRecord(cipher);
                return Unwrapped.TASKS;
            }
        }
        return Unwrapped.DONE;
    }

    /**
     * Encrypts as much of the buffers as the socket takes now, after records still waiting.
     * Before the handshake has finished nothing is taken.
     *
     * @return plaintext bytes taken
     */
    long write(ByteBuffer[] buffers, int offset, int length) throws IOException {
        if (!flush() || !handshakeDone) {
            return 0;
        }
        long taken = 0;
        while (remaining(buffers, offset, length) > 0) {
            SSLEngineResult result = wrapInto(buffers, offset, length);
            taken += result.bytesConsumed();
            if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                throw new SSLException("TLS is closed for writing");
            }
            if (!flush()) {
                break;
            }
        }
        return taken;
    }

    /** Writes waiting records. @return true when none is left */
    boolean flush() throws IOException {
        while (netOut != null && netOut.hasRemaining()) {
            if (channel.write(netOut) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Sends close_notify (as much as the socket takes now): no more data will follow. */
    void closeOutbound() throws IOException {
        engine.closeOutbound();
        while (!engine.isOutboundDone()) {
            SSLEngineResult result = wrapInto(NOTHING, 0, 1);
            if (result.bytesProduced() == 0) {
                break;
            }
        }
        flush();
    }

    /**
     * After a TLS error: writes the alert the engine has for the peer (handshake_failure,
     * protocol_version, bad_certificate...), as far as the socket takes it, so the peer learns why.
     */
    void sendAlert() {
        try {
            while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP && !engine.isOutboundDone()) {
                if (wrapInto(NOTHING, 0, 1).bytesProduced() == 0) {
                    break;
                }
            }
            flush();
        } catch (IOException e) {
            // the connection is failing anyway; the alert was a courtesy
        }
    }

    /** The peer closed the TCP stream; without close_notify the engine complains of truncation, which says nothing new here. */
    void closeInbound() {
        try {
            engine.closeInbound();
        } catch (SSLException e) {
            // end of stream without close_notify: the WebSocket close handshake already said goodbye, or the peer vanished
        }
    }

    /**
     * A TLS 1.2 client that starts a new handshake on an established connection makes the server
     * do the expensive half of a handshake at will (a denial-of-service lever, and testssl.sh flags
     * it): refused. TLS 1.3 has no renegotiation; its post-handshake messages are not affected.
     */
    private void refuseRenegotiation(HandshakeStatus status) throws SSLException {
        if (handshakeDone && !engine.getUseClientMode() && status != HandshakeStatus.NOT_HANDSHAKING
                && status != HandshakeStatus.FINISHED && "TLSv1.2".equals(engine.getSession().getProtocol())) {
            throw new SSLException("client-initiated TLS renegotiation is refused");
        }
    }

    /** Wraps what the handshake has to send; false when it stopped for delegated tasks the caller must run. */
    private boolean progressHandshake() throws IOException {
        while (true) {
            HandshakeStatus status = engine.getHandshakeStatus();
            if (status == HandshakeStatus.NEED_TASK) {
                if (delegateTasks) {
                    return false;
                }
                runDelegatedTasks();
            } else if (status == HandshakeStatus.NEED_WRAP) {
                SSLEngineResult result = wrapInto(NOTHING, 0, 1);
                noteFinished(result.getHandshakeStatus());
                if (result.getStatus() == SSLEngineResult.Status.CLOSED && result.bytesProduced() == 0) {
                    return true;
                }
            } else {
                return true;
            }
        }
    }

    private void noteFinished(HandshakeStatus status) {
        if (status == HandshakeStatus.FINISHED && !handshakeDone) {
            handshakeDone = true;
            finishedNow = true;
        }
    }

    /** Appends the records of one wrap to {@link #netOut}, growing it when the engine asks. */
    private SSLEngineResult wrapInto(ByteBuffer[] buffers, int offset, int length) throws SSLException {
        if (netOut == null) {
            netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize()).flip();
        }
        while (true) {
            netOut.compact();
            SSLEngineResult result;
            try {
                result = engine.wrap(buffers, offset, length, netOut);
            } finally {
                netOut.flip();
            }
            if (result.getStatus() != SSLEngineResult.Status.BUFFER_OVERFLOW) {
                return result;
            }
            ByteBuffer bigger = ByteBuffer.allocate(netOut.remaining() + engine.getSession().getPacketBufferSize());
            netOut = bigger.put(netOut).flip();
        }
    }

    private void keepPartialRecord(ByteBuffer cipher) {
        if (!cipher.hasRemaining()) {
            return;
        }
        int capacity = Math.max(cipher.remaining(), engine.getSession().getPacketBufferSize());
        netIn = ByteBuffer.allocate(capacity).put(cipher).flip();
    }

    private static long remaining(ByteBuffer[] buffers, int offset, int length) {
        long sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += buffers[i].remaining();
        }
        return sum;
    }
}
