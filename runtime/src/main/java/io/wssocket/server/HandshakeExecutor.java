package io.wssocket.server;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run handshakes off the event loops: the authenticator and the configurator
 * (application code that may block, on a login service for example) and static-file reads. They
 * are not the callback pool, so endpoint code that blocks never delays a new connection; and they
 * are bounded, threads and queue, so a flood of handshakes cannot take the server's memory: a
 * handshake that finds the queue full is refused ({@code RejectedExecutionException}), and
 * {@link UpgradeHandler} answers it 503 with Retry-After.
 *
 * <p>Platform threads even where virtual threads are available: the bound is what protects the
 * server here, and a handshake is short; a configurator that blocks long needs more
 * handshake-threads, not unbounded ones.
 */
final class HandshakeExecutor {
    private static final long KEEP_ALIVE_SECONDS = 60;

    private HandshakeExecutor() {
    }

    static ExecutorService create(String name, int threads, int queue) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), daemonFactory(name), new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true); // an idle server holds no handshake threads
        return pool;
    }

    private static ThreadFactory daemonFactory(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            // Created by whichever thread submits first: without this it could inherit, and pin, an
            // application's loader (UpgradeHandler sets the endpoint's loader around each handshake).
            t.setContextClassLoader(HandshakeExecutor.class.getClassLoader());
            return t;
        };
    }
}
