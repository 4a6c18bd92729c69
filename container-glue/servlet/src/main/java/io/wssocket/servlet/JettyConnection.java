package io.wssocket.servlet;

import io.wssocket.transport.WriteCallback;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection.UpgradeTo;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;

/**
 * A connection Jetty 12 handed over at its core level ({@link JettyHandover}), as the protocol
 * layers see a {@link io.wssocket.transport.Connection}: {@link #jettySide()} takes the place of
 * Jetty's HTTP/1.1 connection on the endpoint, is read when Jetty says it is fillable, and written
 * with Jetty's non-blocking {@code write(Callback, ByteBuffer...)}: no thread of its own.
 *
 * <p>Reads run on Jetty's threads inside the connection's {@link Strand}. Writes come from any
 * thread and wait in the queue; one write is at the endpoint at a time, with everything queued
 * behind it gathered into the next. Idle connections are the protocol's to time out (its own
 * timers), not the endpoint's.
 */
final class JettyConnection extends UpgradedConnection {
    /** At most this many buffers go to the endpoint in one gathering write. */
    private static final int MAX_GATHERED = 64;

    private final AcceptedUpgrade accepted;
    private final OnEndPoint jetty;
    private final Flusher flusher = new Flusher();
    private final Filler filler = this::fill;
    /** What Jetty had read beyond the request head, for the handler's first read; strand only once open. */
    private ByteBuffer prefilled;
    /** The upgrade was opened on the endpoint, or abandoned: only one of the two. */
    private final AtomicBoolean settled = new AtomicBoolean();

    // guarded by this
    /** The writes at the endpoint now. */
    private final List<Pending> inFlight = new ArrayList<>();
    private boolean outputShut;

    JettyConnection(EndPoint endPoint, Executor executor, AcceptedUpgrade accepted) {
        super(accepted.host(), accepted.remote(), accepted.local(), accepted.secure());
        this.accepted = accepted;
        this.jetty = new OnEndPoint(endPoint, executor);
    }

    /** What Jetty puts on the endpoint in place of its HTTP/1.1 connection. */
    AbstractConnection jettySide() {
        return jetty;
    }

    /**
     * The exchange of the 101 has ended: when Jetty did not put {@link #jettySide()} on the
     * endpoint (the 101 was not written, or the request failed), the upgrade gives back what it held.
     */
    void exchangeEnded() {
        if (settled.compareAndSet(false, true)) {
            accepted.upgrade().abandon();
        }
    }

    /** Jetty's side: Jetty calls it, it calls this connection. */
    private final class OnEndPoint extends AbstractConnection implements UpgradeTo {
        private final Callback fillable = Callback.from(this::onFillable, this::onFillInterestedFailed);

        OnEndPoint(EndPoint endPoint, Executor executor) {
            super(endPoint, executor);
        }

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
            if (!settled.compareAndSet(false, true) || !accepted.open(JettyConnection.this)) {
                getEndPoint().close();
            }
        }

        @Override
        public void onFillable() {
            strand.runNow(readTask);
        }

        @Override
        public void onFillInterestedFailed(Throwable cause) {
            strand.runNow(() -> JettyConnection.this.close(cause));
        }

        @Override
        public void onClose(Throwable cause) {
            super.onClose(cause);
            strand.execute(() -> JettyConnection.this.close(cause));
        }

        /** The protocol's own timers decide when a quiet connection is dead; the endpoint's idle timeout does not. */
        @Override
        public boolean onIdleExpired(TimeoutException timeout) {
            return false;
        }

        @Override
        public String toConnectionString() {
            return "WS Socket connection from " + remoteAddress();
        }
    }

    // ---------------------------------------------------------------- reading (strand)

    @Override
    void readAvailable() {
        if (handler != null) { // else the session installs its handler on the strand: reading starts then
            readWhileWanted(filler);
        }
    }

    /**
     * First what Jetty had read beyond the request (the session suspends reading until its
     * endpoint's onOpen has run), then the endpoint; when it has nothing, Jetty is asked to tell.
     */
    private int fill(ByteBuffer buffer) throws IOException {
        BufferUtil.clear(buffer);
        if (prefilled != null) {
            int n = BufferUtil.append(buffer, prefilled);
            if (!prefilled.hasRemaining()) {
                prefilled = null;
            }
            return n;
        }
        int n = jetty.getEndPoint().fill(buffer);
        if (n == 0) {
            jetty.getEndPoint().tryFillInterested(jetty.fillable); // none when one is pending already
        }
        return n;
    }

    // ---------------------------------------------------------------- writing (any thread)

    @Override
    void flush() {
        flusher.iterate();
    }

    /**
     * Jetty's way to keep one write at the endpoint: each step tells the writes the last one
     * finished, then hands the endpoint everything queued meanwhile. Writes that complete at once
     * loop here instead of recursing.
     */
    private final class Flusher extends IteratingCallback {
        /** Reused from step to step: Jetty runs one process() at a time, and none inside another. */
        private final List<WriteCallback> done = new ArrayList<>();
        private final List<ByteBuffer> batch = new ArrayList<>();

        @Override
        protected Action process() {
            done.clear();
            batch.clear();
            Boolean writabilityChange;
            boolean closeNow = false;
            boolean shutOutput = false;
            ByteBuffer[] single;
            synchronized (JettyConnection.this) {
                for (Pending write : inFlight) {
                    queuedBytes -= write.bytes;
                    done.add(write.callback);
                }
                inFlight.clear();
                while (!closed && !queue.isEmpty()
                        && (batch.isEmpty() || batch.size() + queue.peek().buffers.length <= MAX_GATHERED)) {
                    Pending write = queue.poll();
                    inFlight.add(write);
                    Collections.addAll(batch, write.buffers);
                }
                // One write in flight, the usual case, goes out as its own array.
                single = inFlight.size() == 1 ? inFlight.get(0).buffers : null;
                if (batch.isEmpty() && !closed) {
                    closeNow = closeWhenFlushed;
                    shutOutput = outputEnded && !outputShut && !closeNow;
                    outputShut |= shutOutput;
                }
                writabilityChange = writability();
            }
            written(done, writabilityChange);
            if (!batch.isEmpty()) {
                jetty.getEndPoint().write(this, single != null ? single : batch.toArray(ByteBuffer[]::new));
                return Action.SCHEDULED;
            }
            if (closeNow) {
                strand.execute(() -> JettyConnection.this.close(null));
            } else if (shutOutput) {
                jetty.getEndPoint().shutdownOutput(); // reading goes on: the peer's close frame may still come
            }
            return Action.IDLE;
        }

        @Override
        protected void onCompleteFailure(Throwable cause) {
            strand.execute(() -> JettyConnection.this.close(cause));
        }
    }

    // ---------------------------------------------------------------- closing

    @Override
    List<Pending> takeUnwritten() {
        List<Pending> unwritten = new ArrayList<>(inFlight);
        inFlight.clear();
        unwritten.addAll(super.takeUnwritten());
        return unwritten;
    }

    @Override
    void closeTransport(Throwable cause) {
        jetty.getEndPoint().close(cause);
    }

    @Override
    public String toString() {
        return jetty.toString();
    }
}
