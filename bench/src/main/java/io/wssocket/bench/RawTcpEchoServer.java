package io.wssocket.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;

/**
 * The floor a WebSocket server is measured against: plain TCP, no protocol, each connection's bytes
 * written back as they were read. One NIO selector thread and one direct buffer per connection
 * (the JDK copies nothing more), so that what it costs per message is the system calls and the
 * one copy of the bytes through that buffer. Only the C driver's {@code --raw} mode talks to it;
 * it is not a WebSocket server and serves no path.
 */
public final class RawTcpEchoServer implements PeerServer {
    /** Bytes a connection reads before it writes them back: a 256 KiB message in a few turns. */
    private static final int BUFFER = 64 * 1024;

    private Selector selector;
    private ServerSocketChannel listener;
    private Thread loop;
    private volatile boolean running;

    public static void main(String[] args) throws Exception {
        ServerLauncher.run("raw-tcp", args, RawTcpEchoServer::new);
    }

    @Override
    public int start(String host, int port) throws IOException {
        selector = Selector.open();
        listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(host, port), 1024);
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
        running = true;
        loop = new Thread(this::serve, "raw-tcp-echo");
        loop.start();
        return ((InetSocketAddress) listener.getLocalAddress()).getPort();
    }

    private void serve() {
        try {
            while (running) {
                selector.select();
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else {
                        echo(key);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept() throws IOException {
        SocketChannel channel;
        while ((channel = listener.accept()) != null) {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.register(selector, SelectionKey.OP_READ, ByteBuffer.allocateDirect(BUFFER));
        }
    }

    /**
     * Reads what there is, writes it back (again while a read fills the buffer); what the peer does not take yet waits in the buffer with
     * reading off until it is written, so a connection never holds more than one buffer.
     */
    private static void echo(SelectionKey key) {
        SocketChannel channel = (SocketChannel) key.channel();
        ByteBuffer buffer = (ByteBuffer) key.attachment();
        try {
            if (key.isWritable()) {
                channel.write(buffer);
                if (buffer.hasRemaining()) {
                    return;
                }
                buffer.clear();
                key.interestOps(SelectionKey.OP_READ);
            }
            if (key.isReadable() || key.interestOps() == SelectionKey.OP_READ) {
                int read;
                do { // a short read drained the socket: no second read to learn that it is empty
                    read = channel.read(buffer);
                    if (read < 0) {
                        channel.close();
                        return;
                    }
                    buffer.flip();
                    channel.write(buffer);
                    if (buffer.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_WRITE);
                        return;
                    }
                    buffer.clear();
                } while (read == BUFFER);
            }
        } catch (IOException e) {
            key.cancel();
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing after a failure: nothing more to do
            }
        }
    }

    @Override
    public void stop() throws IOException {
        running = false;
        selector.wakeup();
        try {
            loop.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        selector.close();
    }
}
