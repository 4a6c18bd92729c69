package io.wssocket.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal HTTP proxy on loopback that only tunnels ({@code CONNECT}, RFC 9110 §9.3.6), for
 * client tests: it records each request head, may demand a {@code Proxy-Authorization} value
 * (407 otherwise), and relays bytes both ways on daemon threads until either side closes.
 */
public final class ConnectProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final String requiredAuthorization;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final boolean dribble;

    /** @param requiredAuthorization the Proxy-Authorization value to demand, or null for none */
    public ConnectProxy(String requiredAuthorization) throws IOException {
        this(requiredAuthorization, false);
    }

    /**
     * @param dribble whether to pass the client's bytes on one at a time, each in its own TCP
     *     segment, so that the server reads every message (and TLS record) in pieces
     */
    public ConnectProxy(String requiredAuthorization, boolean dribble) throws IOException {
        this.requiredAuthorization = requiredAuthorization;
        this.dribble = dribble;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::acceptLoop, "connect-proxy-acceptor");
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The request heads received, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                daemon(() -> tunnel(client), "connect-proxy-tunnel");
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void tunnel(Socket client) {
        try {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String head = readHead(in);
            requests.add(head);
            String[] requestLine = head.split("\r\n", 2)[0].split(" ");
            if (requiredAuthorization != null && !head.contains("\r\nProxy-Authorization: " + requiredAuthorization + "\r\n")) {
                out.write("HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                client.close();
                return;
            }
            if (!requestLine[0].equals("CONNECT")) {
                out.write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                client.close();
                return;
            }
            String authority = requestLine[1];
            int colon = authority.lastIndexOf(':');
            Socket server = new Socket(authority.substring(0, colon).replace("[", "").replace("]", ""),
                    Integer.parseInt(authority.substring(colon + 1)));
            sockets.add(server);
            out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            server.setTcpNoDelay(true);
            daemon(() -> relay(server, client, false), "connect-proxy-down");
            relay(client, server, dribble);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("end of stream in the request head");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void relay(Socket from, Socket to, boolean oneByteAtATime) {
        try {
            if (oneByteAtATime) {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int b;
                while ((b = in.read()) >= 0) {
                    out.write(b);
                    out.flush();
                }
            } else {
                from.getInputStream().transferTo(to.getOutputStream());
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(ConnectProxy::closeQuietly);
    }
}
