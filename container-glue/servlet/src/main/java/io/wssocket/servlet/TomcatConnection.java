package io.wssocket.servlet;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.tomcat.util.net.AbstractEndpoint.Handler.SocketState;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * A connection Tomcat handed over to a {@link TomcatUpgradeHandler}, as the protocol layers see a
 * {@link io.wssocket.transport.Connection}: read and written through Tomcat's socket wrapper, as
 * Tomcat's own WebSocket does, no thread of its own.
 *
 * <p>Not through the Servlet API's {@code WebConnection} streams, because over them Tomcat closes
 * the socket and resumes reading only from inside one of its own callbacks: a close decided on any
 * other thread (a close frame read after the session resumed reading, a timer) leaves the socket
 * open until the client gives up. Here a suspended connection returns
 * {@link SocketState#SUSPENDED} and resumes with a dispatch of Tomcat's own; writes from any
 * thread go to the wrapper while it takes them, and what it cannot send at once is finished by
 * Tomcat's write event; closing closes the socket from whichever thread decides it.
 *
 * <p>Reads run on Tomcat's threads, in the connection's {@link Strand}. One lock, {@code this},
 * guards the output: the queue, its byte count and the wrapper's writes and flushes.
 */
final class TomcatConnection extends UpgradedConnection {
    private final SocketWrapperBase<?> socket;
    /** The wrapper takes a buffer whole: what the socket refuses, it keeps. */
    private final Output output;
    private final QueueWriter queueWriter = this::writeQueued;
    private final Filler filler = this::fill;
    /** {@link #readInEvent()}, made once: Tomcat's read events run it on the strand. */
    private final Runnable readInEventTask = this::readInEvent;
    /** Strand only: reading inside Tomcat's read event, the only place this connection reads. */
    private boolean inReadEvent;
    /** Guarded by this: Tomcat has been asked for a write event and has not sent it yet. */
    private boolean writeEventAwaited;

    TomcatConnection(SocketWrapperBase<?> socket, AcceptedUpgrade accepted) {
        super(accepted.host(), accepted.remote(), accepted.local(), accepted.secure());
        this.socket = socket;
        this.output = buffer -> socket.write(false, buffer);
    }

    // ---------------------------------------------------------------- Tomcat's events

    /** Tomcat's event for this socket, on one of its threads; the answer tells Tomcat what to wait for next. */
    SocketState onEvent(SocketEvent event) {
        switch (event) {
            case OPEN_READ -> strand.runNow(readInEventTask);
            case OPEN_WRITE -> {
                synchronized (this) {
                    writeEventAwaited = false;
                }
                flush();
            }
            case STOP, TIMEOUT, DISCONNECT, ERROR, CONNECT_FAIL -> {
                strand.runNow(() -> close(event == SocketEvent.STOP ? null : new IOException("the connection failed: " + event)));
                return SocketState.CLOSED;
            }
        }
        if (closed) {
            return SocketState.CLOSED;
        }
        // Suspended, or the input ended: Tomcat stops watching for input (an ended input would wake it at
        // once, again and again) until resumeReads asks it for a read event.
        return event == SocketEvent.OPEN_READ && (readsSuspended || inputDone) ? SocketState.SUSPENDED : SocketState.UPGRADED;
    }

    // ---------------------------------------------------------------- reading (strand)

    private void readInEvent() {
        inReadEvent = true;
        try {
            read();
        } finally {
            inReadEvent = false;
        }
    }

    /** Outside Tomcat's read event (the handler installed, reading resumed), Tomcat is asked for one. */
    @Override
    void readAvailable() {
        if (inReadEvent) {
            read();
        } else if (!closed && !inputDone) {
            socket.processSocket(SocketEvent.OPEN_READ, true);
        }
    }

    /** Reads while the handler wants input and the socket has some; after it Tomcat watches for more. */
    private void read() {
        if (handler != null) { // else the session installs its handler on the strand and asks for a read event then
            readWhileWanted(filler);
        }
    }

    private int fill(ByteBuffer buffer) throws IOException {
        int n = socket.read(false, buffer);
        buffer.flip();
        return n;
    }

    // ---------------------------------------------------------------- writing (any thread)

    /**
     * Hands queued writes to the wrapper while it has room, and has it send them; what it could not
     * send at once waits for Tomcat's write event, which calls this again. Then tells the callbacks
     * of the writes handed over, and the listener of a change of writability, outside the lock.
     */
    @Override
    void flush() {
        flush(queueWriter);
    }

    /** Under the lock: while the wrapper has room, then until the socket is full or all is sent. */
    private boolean writeQueued() throws IOException {
        while (!closed && !writeEventAwaited) {
            while (!queue.isEmpty() && socket.canWrite()) {
                writeNext(output);
            }
            if (socket.hasDataToWrite() && socket.flush(false)) {
                writeEventAwaited = true; // the socket is full: Tomcat tells when it drained
                socket.registerWriteInterest();
            } else if (queue.isEmpty()) {
                break;
            }
        }
        // Everything queued is on the wire: a connection closing after its last frame closes now.
        return !closed && !writeEventAwaited && queue.isEmpty() && (closeWhenFlushed || outputEnded);
    }

    // ---------------------------------------------------------------- closing

    /** Tomcat released the socket ({@code HttpUpgradeHandler.destroy}). */
    void destroyed() {
        strand.execute(() -> close(null));
    }

    /** Closes the socket from any thread: Tomcat releases it at once. */
    @Override
    void closeTransport(Throwable cause) {
        socket.close();
    }

    @Override
    public String toString() {
        return "Tomcat connection from " + remoteAddress();
    }
}
