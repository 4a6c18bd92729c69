package io.wssocket.session;

import io.wssocket.protocol.WebSocketConnection;
import io.wssocket.wire.Opcode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one session's messages. Concurrent senders are serialized, never refused: a whole
 * message waits for a fragmented one in progress to finish (RFC 6455 §5.4 forbids interleaving
 * them), within the send timeout; only the thread that sent the latest part of that message is
 * refused, since it would wait for itself. Every wait is bounded; a send that times out drops the
 * connection, since its frame may be half written.
 */
final class MessageSender {
    private final WebSocketConnection ws;
    private final Semaphore messagePermit = new Semaphore(1, true);
    private volatile long sendTimeoutMillis;

    // The message being sent in parts, if any; guarded by 'this'. It belongs to the session, not to
    // a thread: a partial handler's calls, which may run on different threads, continue it.
    private int fragmentOpcode = -1;
    private Thread lastFragmentSender;

    MessageSender(WebSocketConnection ws, long sendTimeoutMillis) {
        this.ws = ws;
        this.sendTimeoutMillis = sendTimeoutMillis;
    }

    long sendTimeoutMillis() {
        return sendTimeoutMillis;
    }

    void setSendTimeoutMillis(long millis) {
        this.sendTimeoutMillis = millis;
    }

    /** Queues a whole message; the future completes when it has been written. */
    CompletableFuture<Void> sendWhole(int opcode, ByteBuffer payload) throws IOException {
        acquire();
        SendFuture future = new SendFuture();
        try {
            ws.sendData(opcode, true, payload, future);
        } finally {
            messagePermit.release();
        }
        return future;
    }

    /**
     * Queues one fragment of a message sent in parts. The first part takes the session's message
     * permit and the last gives it back; parts in between continue the message from any thread.
     */
    CompletableFuture<Void> sendPart(int opcode, ByteBuffer payload, boolean last) throws IOException {
        boolean continuing;
        synchronized (this) {
            continuing = fragmentOpcode >= 0;
            if (continuing && fragmentOpcode != opcode) {
                throw new IllegalStateException("a " + Opcode.name(fragmentOpcode)
                        + " message is being sent in parts; finish it before sending " + Opcode.name(opcode));
            }
        }
        if (!continuing) {
            acquire();
            synchronized (this) {
                fragmentOpcode = opcode;
            }
        }
        SendFuture future = new SendFuture();
        ws.sendData(continuing ? Opcode.CONTINUATION : opcode, last, payload, future);
        synchronized (this) {
            if (last) {
                fragmentOpcode = -1;
                lastFragmentSender = null;
            } else {
                lastFragmentSender = Thread.currentThread();
            }
        }
        if (last) {
            messagePermit.release();
        }
        return future;
    }

    /** Pings and pongs may go between the fragments of a message (RFC 6455 §5.4). */
    CompletableFuture<Void> sendControl(int opcode, ByteBuffer payload) {
        SendFuture future = new SendFuture();
        ws.sendControl(opcode, payload, future);
        return future;
    }

    /**
     * The same send, failing with {@link SocketTimeoutException} (and the connection dropped) if
     * it has not completed within the send timeout. A send the socket took at once needs no timer.
     */
    CompletableFuture<Void> withTimeout(CompletableFuture<Void> sent) {
        if (sent.isDone() && !sent.isCompletedExceptionally()) {
            return sent;
        }
        long timeout = sendTimeoutMillis;
        return sent.orTimeout(timeout, TimeUnit.MILLISECONDS).exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            return CompletableFuture.failedFuture(cause instanceof TimeoutException ? timedOut(timeout) : cause);
        });
    }

    private SocketTimeoutException timedOut(long timeout) {
        SocketTimeoutException timedOut = new SocketTimeoutException(
                "send did not complete within " + timeout + " ms; closing the connection");
        abort(timedOut);
        return timedOut;
    }

    /** Drops the connection: a send could not complete in time and its frame may be half written. */
    void abort(Throwable cause) {
        ws.transport().abort(cause);
    }

    /** Waits for a queued send within the send timeout. */
    void await(CompletableFuture<Void> future) throws IOException {
        long timeout = sendTimeoutMillis;
        try {
            future.get(timeout, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw timedOut(timeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException ? (IOException) cause : new IOException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending");
        }
    }

    private void acquire() throws IOException {
        synchronized (this) {
            if (fragmentOpcode >= 0 && lastFragmentSender == Thread.currentThread()) {
                // Waiting would wait for ourselves (Jakarta WebSocket 2.2 RemoteEndpoint.Basic allows the exception).
                throw new IllegalStateException("this thread is sending a message in parts; send its last part first");
            }
        }
        long timeout = sendTimeoutMillis;
        try {
            if (!messagePermit.tryAcquire(timeout, TimeUnit.MILLISECONDS)) {
                throw new SocketTimeoutException("another message was still being sent after " + timeout + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to send");
        }
    }
}
