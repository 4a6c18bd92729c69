package io.wssocket.client;

import io.wssocket.transport.EventLoop;
import java.util.concurrent.Executor;

/**
 * Where client connections run: an event loop for the socket and an executor for endpoint code.
 * A connection holds a lease from before it connects until its session has closed.
 */
@FunctionalInterface
public interface ClientTransport {
    /** The JVM's shared client loops (see {@link SharedClientTransport}), started on first use. */
    static ClientTransport shared() {
        return SharedClientTransport.jvmWide();
    }

    /** A lease on loops and an executor someone else owns and stops (a server's); releasing it does nothing. */
    static Lease borrowed(EventLoop loop, Executor callbacks) {
        return new OnceLease(loop, callbacks, () -> { }); // the owner stops them
    }

    /** Takes a share of the transport, starting it if it is not running. */
    Lease acquire();

    /** One connection's share of the transport. */
    interface Lease {
        EventLoop loop();

        Executor callbacks();

        /** Gives the share back; only the first call counts. */
        void release();
    }
}
