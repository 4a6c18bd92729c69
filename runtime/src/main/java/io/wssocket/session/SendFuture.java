package io.wssocket.session;

import io.wssocket.protocol.SendCallback;

/** A write's completion as a future, waited on as {@link SenderFuture} says. */
final class SendFuture extends SenderFuture<Void> implements SendCallback {
    SendFuture(MessageSender sender) {
        super(sender);
    }

    @Override
    public void written(Throwable failure) {
        if (failure == null) {
            complete(null);
        } else {
            completeExceptionally(failure);
        }
    }
}
