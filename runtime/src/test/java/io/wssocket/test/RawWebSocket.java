package io.wssocket.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A deliberately dumb WebSocket client on a blocking socket, for sending what a well-behaved client
 * never would. It builds and parses frames itself (RFC 6455 §5.2) so that the tests do not depend on
 * the codec they are attacking. Every read is bounded by SO_TIMEOUT. {@link #acceptClient} makes
 * the same the server end of a client under test.
 */
public final class RawWebSocket implements AutoCloseable {
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(3);
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    /** A frame as the server sent it. */
    public record Frame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** The body of a close frame; code 1005 when the frame had none (RFC 6455 §7.1.5). */
    public record Close(int code, String reason) {
    }

    /** An HTTP response head and body. Header names are case-insensitive. */
    public record HttpResponse(String statusLine, int status, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : String.join(", ", values);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    /** Whether this end is the server: the frames it reads come from a client and must be masked. */
    private final boolean server;

    private RawWebSocket(Socket socket) throws IOException {
        this(socket, false);
    }

    private RawWebSocket(Socket socket, boolean server) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.server = server;
    }

    /**
     * The server end of a client under test: accepts one connection on {@code listener}, reads the
     * upgrade request and answers 101 with the key's accept value (RFC 6455 §4.2.2).
     */
    public static RawWebSocket acceptClient(ServerSocket listener) throws IOException {
        Socket socket = listener.accept();
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        socket.setTcpNoDelay(true);
        RawWebSocket ws = new RawWebSocket(socket, true);
        try {
            String key = null;
            ws.readLine(); // the request line
            for (String line = ws.readLine(); !line.isEmpty(); line = ws.readLine()) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Sec-WebSocket-Key")) {
                    key = line.substring(colon + 1).trim();
                }
            }
            assertThat(key).as("the client's Sec-WebSocket-Key").isNotNull();
            ws.sendRaw("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + expectedAccept(key) + "\r\n\r\n");
        } catch (IOException | RuntimeException | Error e) {
            ws.close();
            throw e;
        }
        return ws;
    }

    /** A TCP connection to the loopback port, nothing sent yet. */
    public static RawWebSocket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        socket.setTcpNoDelay(true);
        return new RawWebSocket(socket);
    }

    /**
     * Connects with a receive buffer of {@code receiveBufferBytes} (set before connecting, so the
     * TCP window stays that small): a peer that stops reading then holds little in the kernel.
     */
    public static RawWebSocket connectWithReceiveBuffer(int port, int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBufferBytes);
        socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) READ_TIMEOUT.toMillis());
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        socket.setTcpNoDelay(true);
        return new RawWebSocket(socket);
    }

    /**
     * Connects from another loopback address ({@code 127.0.0.2}, say: Linux answers all of
     * 127/8 on the loopback interface), so the server counts it apart from 127.0.0.1's connections.
     */
    public static RawWebSocket connectFrom(InetAddress local, int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, local, 0);
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        socket.setTcpNoDelay(true);
        return new RawWebSocket(socket);
    }

    /** Speaks WebSocket over a socket connected elsewhere (a TLS socket, say); nothing sent yet. */
    public static RawWebSocket over(Socket socket) throws IOException {
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        return new RawWebSocket(socket);
    }

    /** Connects and completes a valid opening handshake on {@code path}. */
    public static RawWebSocket open(int port, String path) throws IOException {
        RawWebSocket ws = connect(port);
        try {
            ws.handshake(path);
        } catch (IOException | RuntimeException | Error e) {
            ws.close();
            throw e;
        }
        return ws;
    }

    public static String newKey() {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /** RFC 6455 §4.2.2 item 5.4: base64(SHA-1(key + GUID)), computed here rather than by the server's code. */
    public static String expectedAccept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** A complete, valid upgrade request head. */
    public static String upgradeRequest(String path, String key) {
        return "GET " + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "\r\n";
    }

    /** Sends a valid upgrade request and asserts the 101 response of RFC 6455 §4.2.2. */
    public void handshake(String path) throws IOException {
        String key = newKey();
        sendRaw(upgradeRequest(path, key).getBytes(StandardCharsets.US_ASCII));
        HttpResponse response = readHttpHead();
        assertThat(response.status()).as("status of the upgrade response: %s", response).isEqualTo(101);
        assertThat(response.header("Upgrade")).isEqualToIgnoringCase("websocket");
        assertThat(response.header("Connection")).isEqualToIgnoringCase("Upgrade");
        assertThat(response.header("Sec-WebSocket-Accept")).isEqualTo(expectedAccept(key));
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void sendRaw(String ascii) throws IOException {
        sendRaw(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Sends one frame built here.
     *
     * @param rsv the three RSV bits as a number, RSV1 = 4
     * @param masked whether to mask with a random key (RFC 6455 §5.3); a client must
     */
    public void sendFrame(boolean fin, int rsv, int opcode, byte[] payload, boolean masked) throws IOException {
        sendRaw(frame(fin, rsv, opcode, payload, masked));
    }

    /** A masked frame without RSV bits: what a conforming client sends. */
    public void sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        sendFrame(fin, 0, opcode, payload, true);
    }

    public void sendText(String text) throws IOException {
        sendFrame(true, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A masked close frame with the two-byte code and a UTF-8 reason. */
    public void sendClose(int code, String reason) throws IOException {
        sendFrame(true, CLOSE, closePayload(code, reason.getBytes(StandardCharsets.UTF_8)));
    }

    public static byte[] closePayload(int code, byte[] reason) {
        return ByteBuffer.allocate(2 + reason.length).putShort((short) code).put(reason).array();
    }

    public static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload, boolean masked) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | (rsv & 0x7) << 4 | (opcode & 0xF));
        int maskBit = masked ? 0x80 : 0;
        if (payload.length <= 125) {
            frame.write(maskBit | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(maskBit | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(maskBit | 127);
            frame.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        if (!masked) {
            frame.writeBytes(payload);
            return frame.toByteArray();
        }
        byte[] key = new byte[4];
        ThreadLocalRandom.current().nextBytes(key);
        frame.writeBytes(key);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ key[i & 3]);
        }
        return frame.toByteArray();
    }

    /**
     * Reads the next frame; asserts what RFC 6455 §5.1/§5.2 require of every server frame (of every
     * client frame when this end is the server).
     */
    public Frame readFrame() throws IOException {
        Frame frame = readFrameWithRsv();
        assertThat(frame.rsv()).as("RSV bits of a frame without extensions").isZero();
        return frame;
    }

    /** As {@link #readFrame()}, allowing RSV bits (an extension such as permessage-deflate was agreed). */
    public Frame readFrameWithRsv() throws IOException {
        int b0 = readByte();
        int b1 = readByte();
        boolean masked = (b1 & 0x80) != 0;
        long length = b1 & 0x7F;
        if (length == 126) {
            length = (readByte() << 8) | readByte();
        } else if (length == 127) {
            length = ByteBuffer.wrap(readBytes(8)).getLong();
        }
        Frame frame;
        if (masked) {
            byte[] key = readBytes(4);
            byte[] payload = readBytes(checkedLength(length));
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= key[i & 3];
            }
            frame = new Frame((b0 & 0x80) != 0, (b0 >> 4) & 0x7, b0 & 0xF, true, payload);
        } else {
            frame = new Frame((b0 & 0x80) != 0, (b0 >> 4) & 0x7, b0 & 0xF, false, readBytes(checkedLength(length)));
        }
        if (server) {
            assertThat(frame.masked()).as("RFC 6455 §5.1: a client must mask its frames").isTrue();
        } else {
            assertThat(frame.masked()).as("RFC 6455 §5.1: a server must not mask its frames").isFalse();
        }
        if ((frame.opcode() & 0x8) != 0) {
            assertThat(frame.fin()).as("RFC 6455 §5.5: control frames are not fragmented").isTrue();
            assertThat(frame.payload().length).as("RFC 6455 §5.5: control payload at most 125 bytes").isLessThanOrEqualTo(125);
        }
        return frame;
    }

    private static int checkedLength(long length) {
        if (length < 0 || length > 1 << 24) {
            fail("server frame announces an implausible payload length of %d", length);
        }
        return (int) length;
    }

    /** Reads the next frame, which must be a close frame, and decodes its code and strictly-UTF-8 reason. */
    public Close readCloseFrame() throws IOException {
        Frame frame = readFrame();
        assertThat(frame.opcode()).as("opcode of the next server frame (expected close), payload %s",
                frame.text()).isEqualTo(CLOSE);
        byte[] payload = frame.payload();
        if (payload.length == 0) {
            return new Close(1005, "");
        }
        assertThat(payload.length).as("RFC 6455 §5.5.1: a close body starts with a two-byte code").isGreaterThanOrEqualTo(2);
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        String reason;
        try {
            reason = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload, 2, payload.length - 2))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("RFC 6455 §5.5.1: the server's close reason is not valid UTF-8", e);
        }
        return new Close(code, reason);
    }

    /**
     * Asserts that the server ends the TCP stream (FIN) within {@code timeout}, sending nothing more
     * before it.
     */
    public void awaitEof(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int previousTimeout = socket.getSoTimeout();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("the server did not end the TCP connection within %s", timeout);
                }
                socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(left).toMillis()));
                int b;
                try {
                    b = in.read();
                } catch (SocketTimeoutException e) {
                    continue; // the loop fails on the deadline
                }
                if (b < 0) {
                    return;
                }
                fail("expected end of stream, but the server sent byte 0x%02x", b);
            }
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(previousTimeout);
            }
        }
    }

    /**
     * Waits until the server drops the connection, by FIN or reset, discarding what it sends.
     *
     * @return the bytes received before the connection ended
     */
    public byte[] awaitDisconnect(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("the server did not drop the connection within %s", timeout);
            }
            socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(left).toMillis()));
            int n;
            try {
                n = in.read(chunk);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (SocketException e) {
                return received.toByteArray(); // connection reset: dropped
            }
            if (n < 0) {
                return received.toByteArray();
            }
            received.write(chunk, 0, n);
        }
    }

    /** Reads a complete HTTP response: head, then a body of Content-Length bytes or up to end of stream. */
    public HttpResponse readHttpResponse() throws IOException {
        HttpResponse head = readHttpHead();
        String contentLength = head.header("Content-Length");
        byte[] body;
        if (contentLength != null) {
            body = readBytes(Integer.parseInt(contentLength.trim()));
        } else {
            body = readToEnd();
        }
        return new HttpResponse(head.statusLine(), head.status(), head.headers(), new String(body, StandardCharsets.UTF_8));
    }

    /** Reads the status line and headers up to the empty line; nothing of the body. */
    public HttpResponse readHttpHead() throws IOException {
        String statusLine = readLine();
        String[] parts = statusLine.split(" ", 3);
        assertThat(parts.length).as("status line '%s'", statusLine).isGreaterThanOrEqualTo(2);
        assertThat(parts[0]).as("status line '%s'", statusLine).isEqualTo("HTTP/1.1");
        int status = Integer.parseInt(parts[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            assertThat(colon).as("header line '%s'", line).isPositive();
            headers.computeIfAbsent(line.substring(0, colon), n -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        return new HttpResponse(statusLine, status, headers, "");
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            int b = readByte();
            if (b == '\n') {
                break;
            }
            line.write(b);
            if (line.size() > 16384) {
                fail("HTTP line from the server longer than 16 KiB");
            }
        }
        String s = line.toString(StandardCharsets.ISO_8859_1);
        assertThat(s).as("RFC 9112 §2.2: lines end with CRLF").endsWith("\r");
        return s.substring(0, s.length() - 1);
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the server ended the connection");
        }
        return b;
    }

    private byte[] readBytes(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw new EOFException("the server ended the connection after " + bytes.length + " of " + n + " bytes");
        }
        return bytes;
    }

    private byte[] readToEnd() throws IOException {
        return in.readAllBytes();
    }

    /** Ends this side's output (FIN) and keeps reading: a peer that has said all it will say. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Lets the socket drop quietly; safe to call twice. */
    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Closes every one, even after one fails: a test's cleanup must not leave the rest open. */
    public static void closeAll(List<RawWebSocket> sockets) {
        for (RawWebSocket ws : sockets) {
            try {
                ws.close();
            } catch (IOException ignored) {
                // closing is best effort here
            }
        }
    }
}
