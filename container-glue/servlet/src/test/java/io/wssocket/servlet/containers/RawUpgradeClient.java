package io.wssocket.servlet.containers;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plain socket on loopback that sends one HTTP/1.1 upgrade request and reads the response head;
 * what follows the head is the upgraded connection's bytes, through {@link #in()} and {@link #out()}.
 * Every read waits at most 30 seconds.
 */
final class RawUpgradeClient implements AutoCloseable {
    private static final int MAX_HEAD = 16 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String statusLine;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();

    private RawUpgradeClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        String[] lines = readHead().split("\r\n");
        statusLine = lines[0];
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
    }

    /**
     * Connects to 127.0.0.1 and asks for {@code Upgrade: probe} at a path (with its query).
     *
     * @param port the container's port
     * @param pathAndQuery the request target, starting with {@code /}
     * @return the client, once the response head is read
     * @throws IOException when the connection fails or the head does not arrive in time
     */
    static RawUpgradeClient upgrade(int port, String pathAndQuery) throws IOException {
        return upgrade(port, pathAndQuery, new byte[0]);
    }

    /**
     * Like {@link #upgrade(int, String)}, with bytes of the upgraded protocol sent in the same write
     * as the request, before the 101 (which a WebSocket client must not do).
     *
     * @param port the container's port
     * @param pathAndQuery the request target, starting with {@code /}
     * @param early the bytes sent right after the request head
     * @return the client, once the response head is read
     * @throws IOException when the connection fails or the head does not arrive in time
     */
    static RawUpgradeClient upgrade(int port, String pathAndQuery, byte[] early) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            socket.setTcpNoDelay(true);
            String request = "GET " + pathAndQuery + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + "Upgrade: probe\r\n"
                    + "Connection: Upgrade\r\n"
                    + "\r\n";
            byte[] head = request.getBytes(StandardCharsets.US_ASCII);
            byte[] both = Arrays.copyOf(head, head.length + early.length);
            System.arraycopy(early, 0, both, head.length, early.length);
            socket.getOutputStream().write(both);
            socket.getOutputStream().flush();
            return new RawUpgradeClient(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection ended within the response head: "
                        + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > MAX_HEAD) {
                throw new IOException("no end of the response head within " + MAX_HEAD + " bytes");
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1).stripTrailing();
    }

    /** {@code HTTP/1.1 101 ...}. */
    String statusLine() {
        return statusLine;
    }

    /** The status code of the response. */
    int status() {
        return Integer.parseInt(statusLine.split(" ")[1]);
    }

    /** Every header's values, by lower-case name, in the order received. */
    Map<String, List<String>> headers() {
        return headers;
    }

    /** The values of one header (any case), empty when absent. */
    List<String> header(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    InputStream in() {
        return in;
    }

    OutputStream out() {
        return out;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
