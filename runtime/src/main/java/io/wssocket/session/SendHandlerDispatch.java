package io.wssocket.session;

import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Where a {@link SendHandler} runs. A send the socket took at once has its outcome while the
 * sender is still inside {@code sendText}: its handler runs right there, on the sender's own
 * thread — never an event loop, where user code does not run — which saves a thread hand-off
 * per send (a broadcast to 1,000 sessions made 1,000 executor tasks per message, and at 100
 * messages a second the hand-offs alone held deliveries back by half a second). A send still
 * queued behind a slow peer completes on the event loop later: its handler goes to the callback
 * executor.
 *
 * <p>A handler that sends again from {@code onResult} would nest one call per message when
 * each completes at once; past {@link #MAX_NESTED} such calls the handler goes to the executor
 * instead, which bounds the sender's stack however long the chain.
 */
final class SendHandlerDispatch {
    static final int MAX_NESTED = 8;

    private static final System.Logger LOG = System.getLogger(SendHandlerDispatch.class.getName());
    private static final ThreadLocal<int[]> NESTING = ThreadLocal.withInitial(() -> new int[1]);

    private SendHandlerDispatch() {
    }

    static void notify(CompletableFuture<Void> sent, SendHandler handler, Executor callbacks, Session session) {
        if (sent.isDone()) {
            int[] nesting = NESTING.get();
            if (nesting[0] < MAX_NESTED) {
                nesting[0]++;
                try {
                    sent.whenComplete((ok, failure) -> run(handler, failure, session)); // completed: runs here, now
                } finally {
                    nesting[0]--;
                }
                return;
            }
        }
        sent.whenCompleteAsync((ok, failure) -> run(handler, failure, session), callbacks);
    }

    /** A handler's own exception is logged: it is not the send's outcome, and the sender must not get it. */
    private static void run(SendHandler handler, Throwable failure, Session session) {
        try {
            handler.onResult(failure == null ? new SendResult(session) : new SendResult(session, failure));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "SendHandler " + handler.getClass().getName() + " threw", e);
        }
    }
}
