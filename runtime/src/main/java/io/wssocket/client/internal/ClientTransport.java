package io.wssocket.client.internal;

import io.wssocket.transport.EventLoop;
import java.util.concurrent.Executor;

/**
 * Where client connections run: an event loop for the socket and an executor for endpoint code.
 * A connection holds a lease from before it connects until its session has closed. The runtime's
 * server lends its own loops to the client sessions its container opens; applications have no
 * use for this type.
 */
@FunctionalInterface
public interface ClientTransport {
    /**
     * The JVM's shared client loops, started on first use.
     *
     * @return the JVM-wide client transport
     */
    static ClientTransport shared() {
        return SharedClientTransport.jvmWide();
    }

    /**
     * A lease on loops and an executor someone else owns and stops (a server's); releasing it does nothing.
     *
     * @param loop the event loop the connection runs on
     * @param callbacks the executor of endpoint code
     * @return a lease whose release leaves both running
     */
    static Lease borrowed(EventLoop loop, Executor callbacks) {
        return new OnceLease(loop, callbacks, () -> { }); // the owner stops them
    }

    /**
     * Takes a share of the transport, starting it if it is not running.
     *
     * @return the share, to be released once the connection is done
     */
    Lease acquire();

    /** One connection's share of the transport. */
    interface Lease {
        /**
         * The event loop of the connection.
         *
         * @return the loop
         */
        EventLoop loop();

        /**
         * The executor of the connection's endpoint code.
         *
         * @return the executor
         */
        Executor callbacks();

        /** Gives the share back; only the first call counts. */
        void release();
    }
}
