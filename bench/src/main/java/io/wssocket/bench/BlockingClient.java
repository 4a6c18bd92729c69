package io.wssocket.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * One client WebSocket connection on a blocking socket, for the hostile and soak drivers, where
 * each client (well-behaved or attacking) runs on its own thread: the opening handshake (with an
 * optional {@code Origin} and local address), masked sends, and whole-message reads that answer
 * pings and end at a close frame.
 */
final class BlockingClient implements AutoCloseable {

    /** The handshake was answered, but not with 101 Switching Protocols. */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String statusLine) {
            super("handshake refused: " + statusLine);
            this.status = status;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final byte[] maskKey = FrameEncoder.newMaskKey(RANDOM);

    private BlockingClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 16 * 1024));
        this.out = socket.getOutputStream();
    }

    /**
     * Connects and completes the opening handshake within {@code timeoutMs} (each of connect and
     * response). {@code localHost} (a loopback address, or null) is the address the connection
     * comes from; {@code receiveBuffer} > 0 sets SO_RCVBUF before the connect, so the window the
     * connection announces is small from the start; {@code origin} (or null) is sent as {@code Origin}.
     */
    static BlockingClient open(String localHost, String host, int port, String path, String origin, int receiveBuffer,
                               int timeoutMs) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            if (localHost != null) {
                socket.bind(new InetSocketAddress(localHost, 0));
            }
            socket.connect(new InetSocketAddress(host, port), timeoutMs);
            socket.setSoTimeout(timeoutMs);
            BlockingClient client = new BlockingClient(socket);
            client.handshake(host, port, path, origin);
            return client;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void handshake(String host, int port, String path, String origin) throws IOException {
        String key = ClientHandshake.newKey(RANDOM);
        String request = new String(ClientHandshake.request(host, port, path, key), StandardCharsets.US_ASCII);
        if (origin != null) {
            request = request.substring(0, request.length() - 2) + "Origin: " + origin + "\r\n\r\n";
        }
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] head = new byte[ClientHandshake.MAX_RESPONSE_HEAD];
        int length = 0;
        int end;
        while ((end = ClientHandshake.headEnd(head, length)) < 0) {
            if (length == head.length) {
                throw new ProtocolException("handshake response head longer than " + head.length + " bytes");
            }
            // one byte at a time: nothing after the head may be consumed here, it belongs to the frames
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the handshake");
            }
            head[length++] = (byte) b;
        }
        String text = new String(head, 0, end, StandardCharsets.ISO_8859_1);
        String statusLine = text.substring(0, Math.max(0, text.indexOf("\r\n")));
        int status = statusCode(statusLine);
        if (status != 101) {
            throw new Refused(status, statusLine);
        }
        ClientHandshake.checkResponse(text, key);
    }

    /** The status code of an HTTP/1.1 status line, or -1. */
    static int statusCode(String statusLine) {
        String[] parts = statusLine.split(" ", 3);
        try {
            return parts.length >= 2 ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A masked text frame of {@code payload} with this connection's key (build once, send many times). */
    byte[] textFrame(byte[] payload) {
        return FrameEncoder.frame(true, Opcode.TEXT, payload, maskKey);
    }

    void sendText(byte[] payload) throws IOException {
        write(textFrame(payload));
    }

    /** Writes prepared frame bytes; blocks while the server does not read. */
    void write(byte[] frameBytes) throws IOException {
        synchronized (out) {
            out.write(frameBytes);
            out.flush();
        }
    }

    void setReadTimeout(int ms) throws IOException {
        socket.setSoTimeout(ms);
    }

    /**
     * The next whole data message's payload; answers pings on the way. Throws
     * {@link SocketTimeoutException} after the read timeout, {@link EOFException} at a close frame
     * or the end of the stream.
     */
    byte[] readMessage() throws IOException {
        byte[] message = null;
        while (true) {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0F;
            long length = b1 & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            if ((b1 & 0x80) != 0 || length < 0 || length > Integer.MAX_VALUE - 8) {
                throw new ProtocolException("bad frame header from the server");
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            switch (opcode) {
                case Opcode.PING -> write(FrameEncoder.frame(true, Opcode.PONG, payload, maskKey));
                case Opcode.PONG -> {
                    // unsolicited: ignored
                }
                case Opcode.CLOSE -> throw new EOFException("close frame from the server"
                        + (payload.length >= 2 ? " (" + (((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF)) + ")" : ""));
                default -> {
                    message = message == null ? payload : concat(message, payload);
                    if (fin) {
                        return message;
                    }
                }
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** Sends a close frame (1000) and closes the socket, without waiting for the server's answer. */
    void closeNormally() throws IOException {
        write(FrameEncoder.frame(true, Opcode.CLOSE, new byte[] {0x03, (byte) 0xE8}, maskKey));
        close();
    }

    /** Closes the socket without a closing handshake (the drivers' attackers leave like that). */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
