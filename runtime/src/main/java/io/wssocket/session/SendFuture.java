package io.wssocket.session;

import io.wssocket.protocol.SendCallback;

/** A write's completion as a future, waited on as {@link SenderFuture} says. */
final class SendFuture extends SenderFuture<Void> implements SendCallback {
    /** When an asynchronous send that did not complete at once was left to complete; 0 while not. */
    private volatile long deferredSince;

    SendFuture(MessageSender sender) {
        super(sender);
    }

    /**
     * The caller returns without waiting for this send, which the socket did not take at once: from
     * now to the write's end the send waits on the peer, told as a slow send past the threshold.
     */
    void deferredFrom(long nanoTime) {
        deferredSince = nanoTime;
    }

    @Override
    public void written(Throwable failure) {
        long since = deferredSince;
        if (since != 0) {
            sender.sendWaited(System.nanoTime() - since);
        }
        if (failure == null) {
            complete(null);
        } else {
            completeExceptionally(failure);
        }
    }
}
