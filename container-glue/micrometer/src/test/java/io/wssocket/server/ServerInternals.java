package io.wssocket.server;

import java.util.concurrent.TimeUnit;

/**
 * What the metrics tests need of a server beyond its public API: a blocking task on one of its
 * event loops, as a blocking call on a loop would do to every connection of that loop.
 */
public final class ServerInternals {
    private ServerInternals() {
    }

    /** Blocks one of {@code server}'s event loops for {@code millis}. */
    public static void stallALoop(WebSocketServer server, long millis) {
        server.eventLoops().next().execute(() -> {
            try {
                TimeUnit.MILLISECONDS.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
