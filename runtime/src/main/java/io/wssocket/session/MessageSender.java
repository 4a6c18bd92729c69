package io.wssocket.session;

import io.wssocket.protocol.WebSocketConnection;
import io.wssocket.wire.Opcode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one session's messages. Concurrent senders are serialized, never refused: a whole
 * message waits for a fragmented one in progress to finish (RFC 6455 §5.4 forbids interleaving
 * them), within the send timeout. Every wait is bounded; a send that times out drops the
 * connection, since its frame may be half written.
 */
final class MessageSender {
    private final WebSocketConnection ws;
    private final Semaphore messagePermit = new Semaphore(1, true);
    private volatile long sendTimeoutMillis;

    // Guarded by holding messagePermit.
    private int fragmentOpcode = -1;
    private volatile Thread fragmentOwner;

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
     * Queues one fragment of a message sent in parts. The thread that sends the first part holds
     * the session's message permit until it sends the last.
     */
    CompletableFuture<Void> sendPart(int opcode, ByteBuffer payload, boolean last) throws IOException {
        int frameOpcode;
        if (fragmentOwner == Thread.currentThread()) {
            if (fragmentOpcode != opcode) {
                throw new IllegalStateException("a " + Opcode.name(fragmentOpcode)
                        + " message is being sent in parts; finish it before sending " + Opcode.name(opcode));
            }
            frameOpcode = Opcode.CONTINUATION;
        } else {
            acquire();
            fragmentOpcode = opcode;
            fragmentOwner = Thread.currentThread();
            frameOpcode = opcode;
        }
        SendFuture future = new SendFuture();
        ws.sendData(frameOpcode, last, payload, future);
        if (last) {
            fragmentOpcode = -1;
            fragmentOwner = null;
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
            SocketTimeoutException timedOut = new SocketTimeoutException(
                    "send did not complete within " + timeout + " ms; closing the connection");
            abort(timedOut);
            throw timedOut;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException ? (IOException) cause : new IOException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending");
        }
    }

    private void acquire() throws IOException {
        if (fragmentOwner == Thread.currentThread()) {
            throw new IllegalStateException("this thread is sending a message in parts; finish it first");
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
