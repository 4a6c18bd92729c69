package io.wssocket.server;

import io.wssocket.transport.ConnectionLoop;
import java.util.concurrent.Executor;

/**
 * Option {@code callbacks-on-loop}: a session's endpoint code runs on the event loop that reads its
 * connection, at once, when the loop is the thread handing it over (a message just read, a timer,
 * a close); from any other thread it goes to the callback pool as usual. No hand-off per message:
 * the loop that parsed a message delivers it and writes the reply in the same turn.
 *
 * <p>The session's own {@code SerialExecutor} still orders its tasks and keeps one run at a time,
 * moves a streamed message's handler (which waits for input the loop reads) to the pool. A
 * SendHandler runs on the sending thread when the socket took the message at once (here, the
 * loop), on the pool when the send completed later. The connection writes for a sender that waits
 * on its loop (see {@code Connection#flushBeforeWait}).
 */
final class OnLoopCallbacks implements Executor {
    private final ConnectionLoop loop;
    private final Executor pool;

    OnLoopCallbacks(ConnectionLoop loop, Executor pool) {
        this.loop = loop;
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        if (loop.inLoop()) {
            task.run();
        } else {
            pool.execute(task);
        }
    }
}
