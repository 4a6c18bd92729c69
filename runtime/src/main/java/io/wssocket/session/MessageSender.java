package io.wssocket.session;

import io.wssocket.protocol.WebSocketConnection;
import io.wssocket.transport.WritabilityListener;
import io.wssocket.transport.WriteCallback;
import io.wssocket.transport.WriteQueueFullException;
import io.wssocket.wire.CloseCodes;
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
import java.util.function.Consumer;

/**
 * Sends one session's messages. Concurrent senders are serialized, never refused: a whole
 * message waits for a fragmented one in progress to finish (RFC 6455 §5.4 forbids interleaving
 * them), within the send timeout; only the thread that sent the latest part of that message is
 * refused, since it would wait for itself. Every wait is bounded; a send that times out drops the
 * connection, since its frame may be half written.
 */
final class MessageSender implements WritabilityListener {
    private static final long ROOM_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private final WebSocketConnection ws;
    private final Semaphore messagePermit = new Semaphore(1, true);
    private final SendQueuePolicy queuePolicy;
    /** Senders waiting for room in the outbound queue wait on this monitor. */
    private final Object room = new Object();
    private volatile long sendTimeoutMillis;

    // The message being sent in parts, if any; guarded by 'this'. It belongs to the session, not to
    // a thread: a partial handler's calls, which may run on different threads, continue it.
    private int fragmentOpcode = -1;
    private Thread lastFragmentSender;

    MessageSender(WebSocketConnection ws, long sendTimeoutMillis, SendQueuePolicy queuePolicy) {
        this.ws = ws;
        this.sendTimeoutMillis = sendTimeoutMillis;
        this.queuePolicy = queuePolicy;
        if (queuePolicy == SendQueuePolicy.BLOCK) {
            ws.transport().setWritabilityListener(this);
        }
    }

    /** Under {@link SendQueuePolicy#BLOCK}: the queue fell below its low water mark; wakes senders waiting for room. */
    @Override
    public void onWritabilityChanged(boolean writable) {
        if (writable) {
            synchronized (room) {
                room.notifyAll();
            }
        }
    }

    /**
     * Before a blocking send, under {@link SendQueuePolicy#BLOCK}: waits, within the send timeout,
     * while the connection has more queued than its high water mark, until it drains below the low
     * one. A peer that reads slowly thus slows its producers instead of failing their sends. Called
     * holding the message permit, so senders check and queue one at a time: the queue stays within
     * the high water mark plus one message.
     */
    private void awaitRoom() throws IOException {
        if (queuePolicy != SendQueuePolicy.BLOCK || ws.transport().isWritable()) {
            return;
        }
        long timeout = sendTimeoutMillis;
        // A remaining time, not a deadline: a timeout of Long.MAX_VALUE / 2 ms (no timeout) would overflow one.
        long remaining = TimeUnit.MILLISECONDS.toNanos(timeout);
        synchronized (room) {
            try {
                while (!ws.transport().isWritable() && ws.transport().isOpen()) {
                    if (remaining <= 0) {
                        throw timedOut(timeout);
                    }
                    // Bounded slices: a connection that closes meanwhile sends no writability signal.
                    long start = System.nanoTime();
                    TimeUnit.NANOSECONDS.timedWait(room, Math.min(remaining, ROOM_POLL_NANOS));
                    remaining -= System.nanoTime() - start;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the peer to read");
            }
        }
    }

    long sendTimeoutMillis() {
        return sendTimeoutMillis;
    }

    void setSendTimeoutMillis(long millis) {
        this.sendTimeoutMillis = millis;
    }

    /** Queues a whole message; the future completes when it has been written. */
    CompletableFuture<Void> sendWhole(int opcode, ByteBuffer payload) throws IOException {
        return sendWhole(opcode, payload, false);
    }

    /**
     * Queues a whole message for a caller that will wait for it: under {@link SendQueuePolicy#BLOCK}
     * it first waits for room in the outbound queue.
     */
    CompletableFuture<Void> sendWholeBlocking(int opcode, ByteBuffer payload) throws IOException {
        return sendWhole(opcode, payload, true);
    }

    /**
     * {@link #sendWhole} of a text message, which the connection encodes straight into its frame
     * (a server shares one frame between the recipients of one String: a broadcast).
     */
    CompletableFuture<Void> sendText(String text) throws IOException {
        return sendWhole(callback -> ws.sendText(text, callback), false);
    }

    /** {@link #sendWholeBlocking} of a text message, which the connection encodes straight into its frame. */
    CompletableFuture<Void> sendTextBlocking(String text) throws IOException {
        return sendWhole(callback -> ws.sendText(text, callback), true);
    }

    private CompletableFuture<Void> sendWhole(int opcode, ByteBuffer payload, boolean blocking) throws IOException {
        return sendWhole(callback -> ws.sendData(opcode, true, payload, callback), blocking);
    }

    private CompletableFuture<Void> sendWhole(Consumer<WriteCallback> message, boolean blocking) throws IOException {
        acquire();
        SendFuture future = new SendFuture();
        try {
            if (blocking) {
                awaitRoom();
            }
            message.accept(future);
        } finally {
            messagePermit.release();
        }
        return checkQueueLimit(future);
    }

    /**
     * Queues one fragment of a message sent in parts. The first part takes the session's message
     * permit and the last gives it back; parts in between continue the message from any thread.
     */
    CompletableFuture<Void> sendPart(int opcode, ByteBuffer payload, boolean last) throws IOException {
        return sendPart(opcode, payload, last, false);
    }

    /** {@link #sendPart} for a caller that will wait for it: under {@link SendQueuePolicy#BLOCK} it waits for room first. */
    CompletableFuture<Void> sendPartBlocking(int opcode, ByteBuffer payload, boolean last) throws IOException {
        return sendPart(opcode, payload, last, true);
    }

    private CompletableFuture<Void> sendPart(int opcode, ByteBuffer payload, boolean last, boolean blocking) throws IOException {
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
        if (blocking) {
            awaitRoom();
        }
        SendFuture future = new SendFuture();
        ws.sendData(continuing ? Opcode.CONTINUATION : opcode, last, payload, future);
        checkQueueLimit(future);
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

    /** Under {@link SendQueuePolicy#CLOSE}, a send refused by the queue limit drops the slow peer. */
    private CompletableFuture<Void> checkQueueLimit(CompletableFuture<Void> future) {
        if (queuePolicy == SendQueuePolicy.CLOSE && future.isCompletedExceptionally()) {
            future.exceptionally(failure -> {
                if (failure instanceof WriteQueueFullException full) {
                    ws.dropUnreadingPeer(CloseCodes.POLICY_VIOLATION, "slow consumer: " + full.getMessage());
                }
                return null;
            });
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
