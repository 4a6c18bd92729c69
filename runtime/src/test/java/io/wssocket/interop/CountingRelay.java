package io.wssocket.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP relay in front of a server port that counts the bytes it passes each way, so a
 * case can see how many bytes a message took on the wire, whatever the peer (a browser, a
 * process) and whether or not TLS wraps the frames. It understands nothing of what it relays: a
 * client connects to {@link #port()} as it would to the server, with the same host.
 */
final class CountingRelay implements AutoCloseable {
    private static final int BUFFER = 64 * InteropPayloads.KIB;

    private final int serverPort;
    private final ServerSocket listener;
    private final AtomicLong toServer = new AtomicLong();
    private final AtomicLong toClient = new AtomicLong();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private CountingRelay(int serverPort) throws IOException {
        this.serverPort = serverPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::accept, "counting-relay-accept").start();
    }

    /** A relay to {@code serverPort} on loopback, already listening. */
    static CountingRelay to(int serverPort) throws IOException {
        return new CountingRelay(serverPort);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Bytes passed from clients to the server so far, every connection's, handshakes included. */
    long bytesToServer() {
        return toServer.get();
    }

    /** Bytes passed from the server to clients so far, every connection's, handshakes included. */
    long bytesToClient() {
        return toClient.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                sockets.add(server);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                daemon(() -> pass(client, server, toServer), "counting-relay-up").start();
                daemon(() -> pass(server, client, toClient), "counting-relay-down").start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Copies until either end is gone, then ends both, as the closing of one TCP end would. */
    private static void pass(Socket from, Socket to, AtomicLong counter) {
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                // Counted before they go on: once the other end has the bytes, the count has them too.
                counter.addAndGet(read);
                out.write(buffer, 0, read);
            }
        } catch (IOException e) {
            // One end is gone; the finally of the other direction's copy ends its sockets too.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // Nothing more to release.
        }
        sockets.forEach(CountingRelay::closeQuietly);
    }
}
