package io.wssocket.session;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A future of one session's sends. A thread that waits on it (or on a future made from it, such as
 * the send timeout's) first lets the connection write on that thread where it must
 * ({@link MessageSender#flushBeforeWait}): endpoint code run on a container's event thread would
 * otherwise wait for a write that only the end of that event lets happen.
 */
class SenderFuture<T> extends CompletableFuture<T> {
    final MessageSender sender;

    SenderFuture(MessageSender sender) {
        this.sender = sender;
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        beforeWait();
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        beforeWait();
        return super.get(timeout, unit);
    }

    @Override
    public T join() {
        beforeWait();
        return super.join();
    }

    private void beforeWait() {
        if (!isDone()) {
            sender.flushBeforeWait();
        }
    }

    /** Futures made from this one (a timeout's, a composition's) wait the same way. */
    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new SenderFuture<>(sender);
    }
}
