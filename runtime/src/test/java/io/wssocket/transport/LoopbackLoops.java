package io.wssocket.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

/**
 * Event loops and a listener on the loopback address, for transport tests that register the
 * sockets it accepts with the loops; closing it closes both (the loops close their connections).
 */
final class LoopbackLoops implements AutoCloseable {
    final EventLoopGroup loops;
    final ServerSocketChannel listener;

    /** @param backlog connections the listener queues before they are accepted */
    LoopbackLoops(String name, TransportConfig config, int backlog) throws IOException {
        loops = new EventLoopGroup(name, config);
        listener = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backlog);
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) listener.getLocalAddress();
    }

    @Override
    public void close() throws IOException {
        try {
            listener.close();
        } finally {
            loops.close();
        }
    }
}
