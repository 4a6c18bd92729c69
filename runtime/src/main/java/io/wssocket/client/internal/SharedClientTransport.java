package io.wssocket.client.internal;

import io.wssocket.client.ClientConfig;

import io.wssocket.session.CallbackExecutors;
import io.wssocket.transport.EventLoopGroup;
import java.util.concurrent.ExecutorService;

/**
 * The event loops and callback executor shared by the client containers that
 * {@code ContainerProvider} hands out. They start with the first connection and stop when the
 * last session has closed, so a JVM that is done with its connections keeps no thread of ours,
 * however many containers it asked for.
 */
final class SharedClientTransport implements ClientTransport {
    private static final class JvmWide {
        static final SharedClientTransport INSTANCE =
                new SharedClientTransport(ClientConfig.builder().build());
    }

    private final ClientConfig config;
    private int leases;
    private EventLoopGroup loops;
    private ExecutorService callbacks;

    SharedClientTransport(ClientConfig config) {
        this.config = config;
    }

    /** The one the client containers of this JVM share, configured from the sources of its first use. */
    static SharedClientTransport jvmWide() {
        return JvmWide.INSTANCE;
    }

    @Override
    public synchronized Lease acquire() {
        if (leases++ == 0) {
            loops = new EventLoopGroup("wssocket-client-loop", ClientSettings.of(config).connection().transport());
            callbacks = CallbackExecutors.create("wssocket-client", config.virtualThreads(), config.callbackThreads(),
                    config.callbackThreadsMax());
        }
        return new OnceLease(loops.next(), callbacks, this::release);
    }

    private synchronized void release() {
        if (--leases == 0) {
            // Neither call waits: the last release may come from one of these very threads.
            loops.stop();
            callbacks.shutdown();
            loops = null;
            callbacks = null;
        }
    }

    /** Leases held now: 0 when no connection is open and the threads are stopped. */
    synchronized int leases() {
        return leases;
    }
}
