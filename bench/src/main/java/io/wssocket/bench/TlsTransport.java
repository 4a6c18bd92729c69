package io.wssocket.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * wss://: a client {@link SSLEngine} between the connection and its non-blocking socket. The TLS
 * handshake runs inside {@link #read} and {@link #write} as records come and go (its crypto on the
 * driver's one thread); WebSocket bytes are wrapped only once it is done, so the upgrade request
 * waits in the connection's buffer until then.
 */
final class TlsTransport implements Transport {

    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final SocketChannel channel;
    private final SSLEngine engine;
    /** TLS records read and not yet unwrapped (filling: position is the end of the data). */
    private final ByteBuffer netIn;
    /** TLS records wrapped and not yet written (filling). */
    private final ByteBuffer netOut;
    private final int recordRoom;
    private boolean moreToUnwrap;
    private boolean endOfStream;

    TlsTransport(SocketChannel channel, SSLEngine engine) {
        this.channel = channel;
        this.engine = engine;
        // records are at most getPacketBufferSize() bytes, their content at most getApplicationBufferSize()
        int packet = engine.getSession().getPacketBufferSize();
        this.recordRoom = engine.getSession().getApplicationBufferSize();
        this.netIn = ByteBuffer.allocate(2 * packet);
        this.netOut = ByteBuffer.allocate(2 * packet);
    }

    /**
     * TLS 1.3 client transports trusting the certificate in {@code keystore} (a bad keystore is a
     * bad option: {@link IllegalArgumentException}). Each engine is made without the server's host
     * and port, so that the JDK neither looks up nor offers a session to resume: every connection
     * makes a full handshake, the server's costliest case.
     */
    static Transport.Opener opener(String keystore, String password) {
        SSLContext context;
        try {
            context = BenchTls.clientContext(Path.of(keystore), password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("--tls " + keystore + ": cannot read the certificate to trust: " + e, e);
        }
        return channel -> {
            SSLEngine engine = context.createSSLEngine();
            engine.setUseClientMode(true);
            engine.setEnabledProtocols(new String[] {BenchTls.PROTOCOL});
            return new TlsTransport(channel, engine);
        };
    }

    @Override
    public void connected() throws IOException {
        engine.beginHandshake();
        handshakeSteps();
        writeRecords();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int start = dst.position();
        if (!moreToUnwrap && channel.read(netIn) < 0) {
            endOfStream = true;
        }
        moreToUnwrap = false;
        netIn.flip();
        try {
            while (netIn.hasRemaining() && !engine.isInboundDone()) {
                if (dst.remaining() < recordRoom) {
                    moreToUnwrap = true; // the caller reads again once it has taken what it got
                    break;
                }
                SSLEngineResult r = engine.unwrap(netIn, dst);
                if (r.getStatus() != SSLEngineResult.Status.OK) {
                    break; // BUFFER_UNDERFLOW: a record not yet whole; CLOSED: the server's close_notify
                }
                boolean stepped = handshakeSteps();
                if (r.bytesConsumed() == 0 && r.bytesProduced() == 0 && !stepped) {
                    break;
                }
            }
        } finally {
            netIn.compact();
        }
        writeRecords();
        int n = dst.position() - start;
        return n == 0 && (endOfStream || engine.isInboundDone()) ? -1 : n;
    }

    @Override
    public boolean hasBufferedInput() {
        return moreToUnwrap;
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        while (src.hasRemaining() && handshakeDone() && !engine.isOutboundDone()) {
            if (netOut.remaining() < netOut.capacity() / 2) {
                writeRecords();
                if (netOut.remaining() < netOut.capacity() / 2) {
                    break; // the socket takes no more now: the connection waits for it to be writable
                }
            }
            if (engine.wrap(src, netOut).getStatus() != SSLEngineResult.Status.OK) {
                break;
            }
        }
        writeRecords();
    }

    @Override
    public boolean waitsToWrite(boolean callerHasBytes) {
        return netOut.position() > 0 || (callerHasBytes && handshakeDone());
    }

    @Override
    public void close() {
        try {
            engine.closeOutbound();
            engine.wrap(NOTHING, netOut);
            writeRecords();
        } catch (IOException | RuntimeException e) {
            // the socket is closed next whatever happened: the close_notify was a courtesy
        }
    }

    private boolean handshakeDone() {
        HandshakeStatus s = engine.getHandshakeStatus();
        return s == HandshakeStatus.NOT_HANDSHAKING || s == HandshakeStatus.FINISHED;
    }

    /** Runs the handshake's tasks and wraps its records until it waits for the server; returns whether it did anything. */
    private boolean handshakeSteps() throws SSLException {
        boolean stepped = false;
        while (true) {
            HandshakeStatus s = engine.getHandshakeStatus();
            if (s == HandshakeStatus.NEED_TASK) {
                for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                    task.run();
                }
            } else if (s == HandshakeStatus.NEED_WRAP) {
                if (engine.wrap(NOTHING, netOut).getStatus() != SSLEngineResult.Status.OK) {
                    // BUFFER_OVERFLOW cannot last: a handshake flight is a few records, written after each step
                    throw new SSLException("cannot wrap the TLS handshake: " + engine.getHandshakeStatus());
                }
            } else {
                return stepped;
            }
            stepped = true;
        }
    }

    private void writeRecords() throws IOException {
        if (netOut.position() == 0) {
            return;
        }
        netOut.flip();
        try {
            channel.write(netOut);
        } finally {
            netOut.compact();
        }
    }
}
