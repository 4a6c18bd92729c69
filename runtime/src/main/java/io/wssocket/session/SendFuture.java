package io.wssocket.session;

import io.wssocket.transport.WriteCallback;
import java.util.concurrent.CompletableFuture;

/** A write's completion as a future. */
final class SendFuture extends CompletableFuture<Void> implements WriteCallback {
    @Override
    public void written(Throwable failure) {
        if (failure == null) {
            complete(null);
        } else {
            completeExceptionally(failure);
        }
    }
}
