package io.wssocket.servlet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
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
    /** How long writes may wait for an event of this connection's to end before another thread writes them. */
    private static final long WATCHDOG_MILLIS = 100;
    private final SocketWrapperBase<?> socket;
    /** The wrapper takes a buffer whole: what the socket refuses, it keeps. */
    private final Output output;
    private final QueueWriter queueWriter = this::writeQueued;
    private final Filler filler = this::fill;
    /**
     * Tomcat's thread only, while it is in a read event for this connection (Tomcat runs one event
     * of a socket at a time): the only place this connection reads.
     */
    private boolean inReadEvent;
    /** Guarded by this: Tomcat has been asked for a write event and has not sent it yet. */
    private boolean writeEventAwaited;
    /**
     * Guarded by this: a thread waiting for this connection's writes is writing what the wrapper
     * holds itself, blocking, outside the lock; nothing else touches the wrapper's output meanwhile.
     */
    private boolean blockingFlush;
    /**
     * Guarded by this: the wrapper may hold bytes not yet on the socket (false once a flush found
     * it empty). While it holds none it takes the next buffer without being asked whether it can:
     * asking locks its queue of pending buffers, and did so several times per message.
     */
    private boolean wrapperHolds;
    /** Guarded by this: {@link #writeWatchdog} is scheduled. */
    private boolean watchdogArmed;

    TomcatConnection(SocketWrapperBase<?> socket, AcceptedUpgrade accepted) {
        super(accepted.host(), accepted.remote(), accepted.local(), accepted.secure(), tomcatThreads(socket, accepted.host()));
        this.socket = socket;
        this.output = buffer -> socket.write(false, buffer);
    }

    /**
     * The strand's own tasks (a timer's, a close decided elsewhere) run on Tomcat's executor, as
     * its events do: no threads of the glue's beside Tomcat's. A stopping Tomcat refuses them; the
     * web application's threads take them then.
     */
    private static Executor tomcatThreads(SocketWrapperBase<?> socket, ServletHost host) {
        return task -> {
            try {
                socket.execute(task);
            } catch (RejectedExecutionException e) {
                host.threads().execute(task);
            }
        };
    }

    // ---------------------------------------------------------------- Tomcat's events

    /** Tomcat's event for this socket, on one of its threads; the answer tells Tomcat what to wait for next. */
    SocketState onEvent(SocketEvent event) {
        switch (event) {
            case OPEN_READ -> {
                inReadEvent = true;
                try {
                    strand.runNow(readTask);
                } finally {
                    inReadEvent = false;
                }
            }
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

    /**
     * Reads in Tomcat's read event (endpoint code run after the event's reading resumed it, too).
     * In Tomcat's other events it leaves the input to the read event Tomcat follows them with (after
     * {@code init}, at once, on the same thread) or that never comes (a closing connection's);
     * elsewhere (reading resumed by another thread) Tomcat is asked for a read event.
     */
    @Override
    void readAvailable() {
        if (strand.inEvent()) {
            if (inReadEvent) {
                read();
            }
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

    // ---------------------------------------------------------------- endpoint code

    /**
     * Endpoint code made in one of Tomcat's events for this connection (a message read, the session
     * opened) runs on that event's thread once the event's own work is done, as Tomcat's own
     * WebSocket runs it; made anywhere else, on the server's executor. Either way it runs in the
     * session's order: the session hands its tasks over one run at a time.
     */
    @Override
    Executor callbacks(Executor server) {
        return task -> {
            if (strand.inEvent()) {
                strand.execute(task);
            } else {
                server.execute(task);
            }
        };
    }

    /** Opens the session as one of Tomcat's events: its {@code onOpen} runs on this (Tomcat's) thread. */
    boolean open(AcceptedUpgrade accepted) {
        boolean[] opened = new boolean[1];
        strand.runNow(() -> opened[0] = accepted.open(this));
        return opened[0];
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

    /**
     * Before a thread waits for this connection's writes: when the socket is full it writes what
     * the wrapper holds itself, blocking (Tomcat's blocking write, within {@code timeoutMillis}),
     * as Tomcat's own WebSocket's blocking sends do. Waiting for Tomcat's write event instead could
     * wait for ever: in one of this connection's events (endpoint code run there) the write event
     * waits for this one to end; and two events sending to each other's connections would each
     * wait for the other's. A failed write closes the connection. Rounds go on while writes are
     * queued behind the socket, within the timeout.
     */
    @Override
    public void flushBeforeWait(long timeoutMillis) {
        long start = System.nanoTime();
        long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (timeoutMillis <= 0 || System.nanoTime() - start < timeoutNanos) {
            flush();
            synchronized (this) {
                if (closed || !writeEventAwaited || blockingFlush) {
                    return; // all written, or another thread writes it and the waiter hears from it
                }
                blockingFlush = true;
                writeEventAwaited = false; // a write event still to come finds nothing to do
            }
            boolean flushed = false;
            try {
                socket.setWriteTimeout(timeoutMillis > 0 ? timeoutMillis : -1);
                socket.flush(true);
                flushed = true;
            } catch (IOException e) {
                closeAfterBlockingFlush(e);
                return;
            } finally {
                synchronized (this) {
                    blockingFlush = false;
                    wrapperHolds = !flushed;
                }
            }
        }
    }

    /**
     * The socket filled in one of this connection's events: Tomcat's write event waits for that
     * event to end, which endpoint code may not do soon (it may wait for the completion of an
     * asynchronous send, as a {@code SendHandler} tells it, where no {@link #flushBeforeWait} is
     * called). Under the lock.
     */
    private void armWriteWatchdog() {
        if (!watchdogArmed && strand.inEvent()) {
            watchdogArmed = true;
            host.timers().schedule(this::writeWatchdog, WATCHDOG_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * {@link #WATCHDOG_MILLIS} later: if the connection is still busy and its writes still wait for
     * Tomcat's write event, one of the web application's threads writes them, blocking, as a
     * waiting sender would.
     */
    private void writeWatchdog() {
        synchronized (this) {
            watchdogArmed = false;
            if (closed || !writeEventAwaited || blockingFlush || !strand.busy()) {
                return; // written, being written, or the write event is free to come
            }
        }
        host.threads().execute(() -> flushBeforeWait(host.sendTimeoutMillis()));
    }

    /** A blocking write failed: on the strand the connection closes now, so that the waiter hears at once. */
    private void closeAfterBlockingFlush(IOException failure) {
        if (strand.inLoop()) {
            close(failure);
        } else {
            strand.execute(() -> close(failure));
        }
    }

    /** Under the lock: while the wrapper has room, then until the socket is full or all is sent. */
    private boolean writeQueued() throws IOException {
        while (!closed && !writeEventAwaited && !blockingFlush) {
            while (!queue.isEmpty() && (!wrapperHolds || socket.canWrite())) {
                writeNext(output);
                wrapperHolds = true;
            }
            if (wrapperHolds && socket.flush(false)) {
                writeEventAwaited = true; // the socket is full: Tomcat tells when it drained
                socket.registerWriteInterest();
                armWriteWatchdog();
            } else {
                wrapperHolds = false;
                if (queue.isEmpty()) {
                    break;
                }
            }
        }
        // Everything queued is on the wire: a connection closing after its last frame closes now.
        return !closed && !writeEventAwaited && !blockingFlush && queue.isEmpty() && (closeWhenFlushed || outputEnded);
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
