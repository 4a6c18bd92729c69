package io.wssocket.servlet;

import io.wssocket.server.ServerConfig;
import io.wssocket.server.host.HostedServer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one web application's WebSocket connections share: the hosted server, the few threads that
 * run the connections' strand tasks (never endpoint code: that runs on the server's callback
 * executor, or in Tomcat on Tomcat's threads) where the container's own cannot, the scheduler of
 * their timers (the server's housekeeping thread), and the output queue's limits.
 */
final class ServletHost implements AutoCloseable {
    private final HostedServer server;
    private final ExecutorService threads;
    private final ScheduledExecutorService timers;
    private final long highWaterMark;
    private final long lowWaterMark;
    private final long maxQueuedBytes;
    private final long sendTimeoutMillis;

    ServletHost(HostedServer server, ServerConfig config) {
        this.server = server;
        this.threads = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                daemons("wssocket-servlet-io"));
        this.timers = server.scheduler(); // the server's housekeeping thread: no timer thread of the glue's
        this.highWaterMark = (Long) config.option("write-high-water");
        this.lowWaterMark = (Long) config.option("write-low-water");
        this.maxQueuedBytes = (Long) config.option("max-queued-bytes");
        this.sendTimeoutMillis = (Long) config.option("send-timeout");
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    HostedServer server() {
        return server;
    }

    ExecutorService threads() {
        return threads;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    long highWaterMark() {
        return highWaterMark;
    }

    long lowWaterMark() {
        return lowWaterMark;
    }

    long maxQueuedBytes() {
        return maxQueuedBytes;
    }

    long sendTimeoutMillis() {
        return sendTimeoutMillis;
    }

    /** Closes the sessions (1001), then stops the threads. */
    @Override
    public void close() {
        server.close(); // stops the timers' thread too
        threads.shutdown();
    }
}
