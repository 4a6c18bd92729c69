package io.wssocket.session;

import io.wssocket.protocol.SendCallback;
import java.util.concurrent.CompletableFuture;

/** A write's completion as a future. */
final class SendFuture extends CompletableFuture<Void> implements SendCallback {
    @Override
    public void written(Throwable failure) {
        if (failure == null) {
            complete(null);
        } else {
            completeExceptionally(failure);
        }
    }
}
