package io.wssocket.session;

import io.wssocket.protocol.BackpressureListener;
import io.wssocket.protocol.MessageKind;
import io.wssocket.protocol.SendCallback;
import io.wssocket.protocol.WebSocketConnection;
import jakarta.websocket.CloseReason;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.function.Consumer;

/**
 * Sends one session's messages. Concurrent senders are serialized, never refused: a whole
 * message waits for a fragmented one in progress to finish (RFC 6455 §5.4 forbids interleaving
 * them), within the send timeout; only the thread that sent the latest part of that message is
 * refused, since it would wait for itself. Every wait is bounded; a send that times out drops the
 * connection, since its frame may be half written.
 *
 * <p>Every wait goes through {@link PeerWait}: on a callback pool thread a spare serves the other
 * sessions while this one waits on its peer, and when the pool is at its ceiling the peer is dropped
 * as a slow consumer (1008) instead, so that peers that do not read never hold every thread.
 */
final class MessageSender implements BackpressureListener {
    private static final long ROOM_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** How often a blocking send under {@link SendQueuePolicy#CLOSE} looks whether its connection stalled. */
    private static final long STALL_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** RFC 6455 §7.4.1: 1008, policy: what a peer dropped as a slow consumer is told. */
    private static final int SLOW_CONSUMER = CloseReason.CloseCodes.VIOLATED_POLICY.getCode();
    private static final String CEILING_REASON = "slow consumer: all callback threads wait on peers that do not read";

    private final WebSocketConnection ws;
    /**
     * The session's one message permit; senders waiting for room in the outbound queue wait on
     * its monitor (one object for both: an idle session holds 32 bytes here, not a fair
     * {@code Semaphore}'s 48 and a lock object's 16).
     */
    private final MessagePermit messagePermit = new MessagePermit();
    private final SendQueuePolicy queuePolicy;
    private final long sendStallTimeoutMillis;
    private volatile long sendTimeoutMillis;

    // The message being sent in parts, if any; guarded by 'this'. It belongs to the session, not to
    // a thread: a partial handler's calls, which may run on different threads, continue it.
    private MessageKind fragmentKind;
    private Thread lastFragmentSender;

    /**
     * @param sendStallTimeoutMillis under {@link SendQueuePolicy#CLOSE}: how long a blocking send
     *     waits on a connection that is above its high water mark and took no byte, before the peer is dropped
     */
    MessageSender(WebSocketConnection ws, long sendTimeoutMillis, SendQueuePolicy queuePolicy, long sendStallTimeoutMillis) {
        this.ws = ws;
        this.sendTimeoutMillis = sendTimeoutMillis;
        this.queuePolicy = queuePolicy;
        this.sendStallTimeoutMillis = sendStallTimeoutMillis;
        if (queuePolicy == SendQueuePolicy.BLOCK) {
            ws.setBackpressureListener(this);
        }
    }

    /** Under {@link SendQueuePolicy#BLOCK}: the queue fell below its low water mark; wakes senders waiting for room. */
    @Override
    public void onWritabilityChanged(boolean writable) {
        if (writable) {
            synchronized (messagePermit) {
                messagePermit.notifyAll();
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
        if (queuePolicy != SendQueuePolicy.BLOCK || ws.isWritable()) {
            return;
        }
        long timeout = sendTimeoutMillis;
        ws.flushBeforeWait(timeout);
        boolean roomMade = waitOnPeer(() -> awaitRoom(timeout), "waiting for the peer to read");
        if (!roomMade) {
            throw timedOut(timeout);
        }
    }

    /** True once the connection is writable or closed, false if the timeout passed first. */
    private boolean awaitRoom(long timeout) throws InterruptedException {
        // A remaining time, not a deadline: a timeout of Long.MAX_VALUE / 2 ms (no timeout) would overflow one.
        long remaining = TimeUnit.MILLISECONDS.toNanos(timeout);
        synchronized (messagePermit) {
            while (!ws.isWritable() && ws.isConnected()) {
                if (remaining <= 0) {
                    return false;
                }
                // Bounded slices: a connection that closes meanwhile sends no writability signal.
                long start = System.nanoTime();
                TimeUnit.NANOSECONDS.timedWait(messagePermit, Math.min(remaining, ROOM_POLL_NANOS));
                remaining -= System.nanoTime() - start;
            }
        }
        return true;
    }

    /**
     * Waits on this session's peer through {@link PeerWait}: when the callback pool is at its
     * ceiling the peer is dropped instead ({@link #atCeiling}); an interrupt ends the wait.
     *
     * @param what what the thread was doing, for the interrupt's message
     */
    private <T> T waitOnPeer(PeerWait.Wait<T, RuntimeException> wait, String what) throws IOException {
        // Only a send that must wait comes here: two clock reads next to a wait cost nothing a send would notice.
        long start = System.nanoTime();
        try {
            return PeerWait.run(wait);
        } catch (RejectedExecutionException e) {
            throw atCeiling();
        } catch (InterruptedException e) {
            throw interrupted(what);
        } finally {
            ws.sendWaited(System.nanoTime() - start);
        }
    }

    /** Keeps the interrupt for the caller and says what it ended. */
    private static InterruptedIOException interrupted(String what) {
        Thread.currentThread().interrupt();
        return new InterruptedIOException("interrupted while " + what);
    }

    /**
     * The send that wanted to wait on this peer found every callback thread the pool may have
     * already waiting on peers: waiting too would leave none for the sessions whose peers read. The
     * peer it would wait on is dropped instead, as a slow consumer (RFC 6455 §7.4.1: 1008, policy).
     */
    private IOException atCeiling() {
        ws.dropUnreadingPeer(SLOW_CONSUMER, CEILING_REASON);
        return new IOException(CEILING_REASON + "; the session was dropped instead of waiting");
    }

    /** An asynchronous send that was left to complete took this long to be written. Any thread. */
    void sendWaited(long waitedNanos) {
        ws.sendWaited(waitedNanos);
    }

    /** A thread about to wait for one of this session's sends: see {@link WebSocketConnection#flushBeforeWait}. */
    void flushBeforeWait() {
        ws.flushBeforeWait(sendTimeoutMillis);
    }

    long sendTimeoutMillis() {
        return sendTimeoutMillis;
    }

    void setSendTimeoutMillis(long millis) {
        this.sendTimeoutMillis = millis;
    }

    /** Queues a whole message; the future completes when it has been written. */
    CompletableFuture<Void> sendWhole(MessageKind kind, ByteBuffer payload) throws IOException {
        return sendWhole(kind, payload, false);
    }

    /**
     * Queues a whole message for a caller that will wait for it: under {@link SendQueuePolicy#BLOCK}
     * it first waits for room in the outbound queue.
     */
    CompletableFuture<Void> sendWholeBlocking(MessageKind kind, ByteBuffer payload) throws IOException {
        return sendWhole(kind, payload, true);
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

    private CompletableFuture<Void> sendWhole(MessageKind kind, ByteBuffer payload, boolean blocking) throws IOException {
        return sendWhole(callback -> ws.sendMessage(kind, payload, callback), blocking);
    }

    private CompletableFuture<Void> sendWhole(Consumer<SendCallback> message, boolean blocking) throws IOException {
        acquire();
        SendFuture future = new SendFuture(this);
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
    CompletableFuture<Void> sendPart(MessageKind kind, ByteBuffer payload, boolean last) throws IOException {
        return sendPart(kind, payload, last, false);
    }

    /** {@link #sendPart} for a caller that will wait for it: under {@link SendQueuePolicy#BLOCK} it waits for room first. */
    CompletableFuture<Void> sendPartBlocking(MessageKind kind, ByteBuffer payload, boolean last) throws IOException {
        return sendPart(kind, payload, last, true);
    }

    private CompletableFuture<Void> sendPart(MessageKind kind, ByteBuffer payload, boolean last, boolean blocking) throws IOException {
        boolean continuing;
        synchronized (this) {
            continuing = fragmentKind != null;
            if (continuing && fragmentKind != kind) {
                throw new IllegalStateException("a " + fragmentKind
                        + " message is being sent in parts; finish it before sending " + kind);
            }
        }
        if (!continuing) {
            acquire();
            synchronized (this) {
                fragmentKind = kind;
            }
        }
        if (blocking) {
            awaitRoom();
        }
        SendFuture future = new SendFuture(this);
        ws.sendFragment(kind, !continuing, last, payload, future);
        checkQueueLimit(future);
        synchronized (this) {
            if (last) {
                fragmentKind = null;
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
                if (WebSocketConnection.isOutboundQueueFull(failure)) {
                    ws.dropUnreadingPeer(SLOW_CONSUMER, "slow consumer: " + failure.getMessage());
                }
                return null;
            });
        }
        return future;
    }

    /** Pings and pongs may go between the fragments of a message (RFC 6455 §5.4). */
    CompletableFuture<Void> sendPing(ByteBuffer payload) {
        SendFuture future = new SendFuture(this);
        ws.sendPing(payload, future);
        return future;
    }

    /** As {@link #sendPing}. */
    CompletableFuture<Void> sendPong(ByteBuffer payload) {
        SendFuture future = new SendFuture(this);
        ws.sendPong(payload, future);
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
        if (sent instanceof SendFuture deferred) {
            deferred.deferredFrom(System.nanoTime()); // timed for slow-send-threshold from here, the slow path only
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
        ws.abort(cause);
    }

    /** How a wait for a queued send ended. */
    private enum WriteWait { DONE, TIMED_OUT, STALLED }

    /**
     * Waits for a queued send within the send timeout; under {@link SendQueuePolicy#CLOSE} only
     * while the peer keeps reading: a connection above its high water mark that took no byte for
     * the send-stall timeout drops the peer as a slow consumer rather than hold this thread for the
     * whole send timeout.
     */
    void await(CompletableFuture<Void> future) throws IOException {
        if (!future.isDone()) {
            long timeout = sendTimeoutMillis;
            // awaitWrite's future.get lets the connection write first (SenderFuture), on the compensated thread
            WriteWait outcome = waitOnPeer(() -> awaitWrite(future, timeout), "sending");
            if (outcome == WriteWait.TIMED_OUT) {
                throw timedOut(timeout);
            }
            if (outcome == WriteWait.STALLED) {
                throw stalled();
            }
        }
        try {
            future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException ? (IOException) cause : new IOException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // cannot happen: the future is done
            throw new InterruptedIOException("interrupted while sending");
        }
    }

    private WriteWait awaitWrite(CompletableFuture<Void> future, long timeout) throws InterruptedException {
        boolean watchStall = queuePolicy == SendQueuePolicy.CLOSE;
        long remaining = TimeUnit.MILLISECONDS.toNanos(timeout);
        while (true) {
            long start = System.nanoTime();
            try {
                future.get(watchStall ? Math.min(remaining, STALL_POLL_NANOS) : remaining, TimeUnit.NANOSECONDS);
                return WriteWait.DONE;
            } catch (ExecutionException e) {
                return WriteWait.DONE;
            } catch (TimeoutException e) {
                remaining -= System.nanoTime() - start;
            }
            if (remaining <= 0) {
                return WriteWait.TIMED_OUT;
            }
            if (watchStall && isStalled()) {
                return WriteWait.STALLED;
            }
        }
    }

    /** Above the high water mark, and the socket took nothing for the send-stall timeout: the peer is not reading. */
    private boolean isStalled() {
        return !ws.isWritable()
                && System.nanoTime() - ws.lastWriteNanos() > TimeUnit.MILLISECONDS.toNanos(sendStallTimeoutMillis);
    }

    private IOException stalled() {
        String reason = "slow consumer: nothing could be written for " + sendStallTimeoutMillis + " ms";
        ws.dropUnreadingPeer(SLOW_CONSUMER, reason);
        return new IOException(reason + "; dropped under send-queue-policy close");
    }

    private void acquire() throws IOException {
        synchronized (this) {
            if (fragmentKind != null && lastFragmentSender == Thread.currentThread()) {
                // Waiting would wait for ourselves (Jakarta WebSocket 2.2 RemoteEndpoint.Basic allows the exception).
                throw new IllegalStateException("this thread is sending a message in parts; send its last part first");
            }
        }
        long timeout = sendTimeoutMillis;
        try {
            // A zero timeout: the permit is fair, so a sender that finds others waiting queues behind them.
            if (messagePermit.tryAcquire(0)) {
                return;
            }
        } catch (InterruptedException e) {
            throw interrupted("waiting to send");
        }
        // The sender ahead holds the permit while it waits on this same peer.
        ws.flushBeforeWait(timeout);
        if (!waitOnPeer(() -> messagePermit.tryAcquire(TimeUnit.MILLISECONDS.toNanos(timeout)), "waiting to send")) {
            throw new SocketTimeoutException("another message was still being sent after " + timeout + " ms");
        }
    }

    /**
     * One permit, handed out first come first served, as {@code new Semaphore(1, true)} does it;
     * the synchronizer itself rather than a semaphore around one, which saves an object per session.
     */
    private static final class MessagePermit extends AbstractQueuedSynchronizer {
        private static final long serialVersionUID = 1L;

        MessagePermit() {
            setState(1);
        }

        /**
         * Takes the permit within {@code timeoutNanos} (zero: only if it is free and nobody waits
         * for it).
         *
         * @return whether this thread has it
         */
        boolean tryAcquire(long timeoutNanos) throws InterruptedException {
            return tryAcquireSharedNanos(1, timeoutNanos);
        }

        void release() {
            releaseShared(1);
        }

        @Override
        protected int tryAcquireShared(int permits) {
            while (true) {
                if (hasQueuedPredecessors()) {
                    return -1;
                }
                int available = getState();
                int remaining = available - permits;
                if (remaining < 0 || compareAndSetState(available, remaining)) {
                    return remaining;
                }
            }
        }

        @Override
        protected boolean tryReleaseShared(int permits) {
            while (true) {
                int current = getState();
                if (compareAndSetState(current, current + permits)) {
                    return true;
                }
            }
        }
    }
}
