package io.wssocket.servlet.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.servlet.WebSocketInitializer;
import io.wssocket.servlet.containers.EmbeddedServletContainer;
import io.wssocket.servlet.containers.ServletContainers;
import io.wssocket.servlet.containers.WebApplication;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a client sees on the wire from WS Socket inside each container, byte by byte: frames that
 * arrive in the same packet as the handshake request (the container has read them with the request
 * head and must hand them over), and the closing handshake (RFC 6455 §5.5.1: the server answers the
 * client's close frame with its own, then closes the TCP connection); in Jetty, a connection that
 * outlives the connector's idle timeout. A close decided while no container callback runs (the
 * client's close frame read when reading resumed after onOpen, the server's idle timeout) still ends
 * the TCP connection: over Tomcat's Servlet streams it did not, until the client gave up (CONTAINERS.md, Tomcat).
 *
 * <p>In all three. In Undertow 2.3.21 both failed at random while the glue read from its own threads
 * before the container's first onDataAvailable (its upgraded input is the I/O thread's: a read racing
 * that thread's first fill returned zeros); the glue now waits for that callback (CONTAINERS.md, Undertow).
 */
class WireInServletContainersTest {
    private static final String CONTAINERS = "containers";
    private static final int TIMEOUT_MILLIS = 10_000;

    static Stream<Named<EmbeddedServletContainer>> containers() {
        return ServletContainers.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CONTAINERS)
    void aFrameThatCameWithTheRequestHeadIsServed(EmbeddedServletContainer container) throws Exception {
        int port = container.start(WebApplication.at("/app").initializer(new WebSocketInitializer())
                .classes(BridgeEndpoints.Echo.class));

        try (Socket socket = connect(port)) {
            ByteArrayOutputStream packet = new ByteArrayOutputStream();
            packet.writeBytes(handshake("/app/echo"));
            packet.writeBytes(maskedFrame(0x1, "early".getBytes(StandardCharsets.UTF_8)));
            socket.getOutputStream().write(packet.toByteArray());

            assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 101");
            assertThat(readFrame(socket.getInputStream())).isEqualTo(new Frame(0x1, "early".getBytes(StandardCharsets.UTF_8)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(CONTAINERS)
    void aCloseFrameIsAnsweredAndTheConnectionEnds(EmbeddedServletContainer container) throws Exception {
        int port = container.start(WebApplication.at("/app").initializer(new WebSocketInitializer())
                .classes(BridgeEndpoints.Echo.class));

        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(handshake("/app/echo"));
            assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 101");
            socket.getOutputStream().write(maskedFrame(0x1, "hello".getBytes(StandardCharsets.UTF_8)));
            assertThat(readFrame(socket.getInputStream())).isEqualTo(new Frame(0x1, "hello".getBytes(StandardCharsets.UTF_8)));

            closeAndExpectTheAnswerThenTheEnd(socket);
        }
    }

    /** The close frame arrives while reading is suspended for onOpen: it is answered once onOpen has run, and the connection ends. */
    @ParameterizedTest(name = "{0}")
    @MethodSource(CONTAINERS)
    void aCloseFrameSentDuringOnOpenIsAnsweredAndTheConnectionEnds(EmbeddedServletContainer container) throws Exception {
        int port = container.start(WebApplication.at("/app").initializer(new WebSocketInitializer())
                .classes(BridgeEndpoints.SlowOpen.class));

        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(handshake("/app/slow-open"));
            assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 101");
            closeAndExpectTheAnswerThenTheEnd(socket);
        }
    }

    /**
     * The server closes a quiet session on its idle timeout (close code 1001, RFC 6455 §7.4.1) and,
     * when the client never answers, drops the connection after the close timeout (5 s).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource(CONTAINERS)
    void aSessionTheServerClosesOnItsTimerEndsTheConnection(EmbeddedServletContainer container) throws Exception {
        int port = container.start(WebApplication.at("/app").initializer(new WebSocketInitializer())
                .classes(BridgeEndpoints.QuickIdle.class));

        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(handshake("/app/quick-idle"));
            assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 101");

            Frame close = readFrame(socket.getInputStream());
            assertThat(close.opcode()).isEqualTo(0x8);
            assertThat(close.payload()).startsWith(new byte[] {0x03, (byte) 0xE9});
            assertThat(socket.getInputStream().read()).as("end of stream though the client never answered").isEqualTo(-1);
        }
    }

    /** An idle timeout set by endpoint code while it handles a message closes the session as well. */
    @ParameterizedTest(name = "{0}")
    @MethodSource(CONTAINERS)
    void anIdleTimeoutSetWhileHandlingAMessageClosesTheSession(EmbeddedServletContainer container) throws Exception {
        int port = container.start(WebApplication.at("/app").initializer(new WebSocketInitializer())
                .classes(BridgeEndpoints.IdleOnRequest.class));

        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(handshake("/app/idle-on-request"));
            assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 101");
            socket.getOutputStream().write(maskedFrame(0x1, "idle".getBytes(StandardCharsets.UTF_8)));

            assertThat(readFrame(socket.getInputStream())).isEqualTo(new Frame(0x1, "idle".getBytes(StandardCharsets.UTF_8)));
            Frame close = readFrame(socket.getInputStream());
            assertThat(close.opcode()).isEqualTo(0x8);
        }
    }

    /** A handshake request announcing content is refused (RFC 6455 §4.1): its bytes would be read as frames. */
    @ParameterizedTest(name = "{0}")
    @MethodSource(CONTAINERS)
    void aHandshakeWithContentIsRefusedWith400(EmbeddedServletContainer container) throws Exception {
        int port = container.start(WebApplication.at("/app").initializer(new WebSocketInitializer())
                .classes(BridgeEndpoints.Echo.class));

        try (Socket socket = connect(port)) {
            String request = new String(handshake("/app/echo"), StandardCharsets.US_ASCII)
                    .replace("\r\n\r\n", "\r\nContent-Length: 5\r\n\r\nhello");
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));

            assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 400");
            assertThat(readUntil(socket.getInputStream(), "(RFC 6455 §4.1)")).contains("has no content");
        }
    }

    /** upgradeHttpToWebSocket on a response something already committed fails with the reason, and switches nothing. */
    @ParameterizedTest(name = "{0}")
    @MethodSource(CONTAINERS)
    void anUpgradeOfACommittedResponseIsRefused(EmbeddedServletContainer container) throws Exception {
        int port = container.start(WebApplication.at("/app").initializer(new WebSocketInitializer())
                .servlet("committing", new BridgeEndpoints.CommittingServlet(), "/late"));

        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(handshake("/app/late"));

            assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 200");
            String body = readUntil(socket.getInputStream(), "already committed");
            assertThat(body).contains("already answering").contains("refused:").doesNotContain("upgraded");
        }
    }

    /**
     * Jetty's connector closes connections idle for its idle timeout; a WebSocket connection is the
     * protocol's to time out (the session's max idle timeout), as in the standalone server.
     */
    @Test
    void aQuietWebSocketOutlivesJettysConnectorIdleTimeout() throws Exception {
        try (EmbeddedServletContainer jetty = ServletContainers.jettyWithConnectorIdleTimeout(Duration.ofMillis(200))) {
            int port = jetty.start(WebApplication.at("/app").initializer(new WebSocketInitializer())
                    .classes(BridgeEndpoints.Echo.class));

            try (Socket socket = connect(port)) {
                socket.getOutputStream().write(handshake("/app/echo"));
                assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 101");

                Thread.sleep(1_000); // five times the connector's idle timeout, without a byte either way

                socket.getOutputStream().write(maskedFrame(0x1, "still here".getBytes(StandardCharsets.UTF_8)));
                assertThat(readFrame(socket.getInputStream()))
                        .isEqualTo(new Frame(0x1, "still here".getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    /** RFC 6455 §5.5.1: the server answers the client's close frame with its own, then closes the TCP connection. */
    private static void closeAndExpectTheAnswerThenTheEnd(Socket socket) throws IOException {
        byte[] normalClosure = {0x03, (byte) 0xE8};
        socket.getOutputStream().write(maskedFrame(0x8, normalClosure));

        Frame answer = readFrame(socket.getInputStream());
        assertThat(answer.opcode()).isEqualTo(0x8);
        assertThat(answer.payload()).startsWith(normalClosure);
        assertThat(socket.getInputStream().read()).as("end of stream after the close frame").isEqualTo(-1);
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return socket;
    }

    private static byte[] handshake(String path) {
        return ("GET " + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A final client frame of fewer than 126 payload bytes, masked as RFC 6455 §5.3 requires. */
    private static byte[] maskedFrame(int opcode, byte[] payload) {
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        frame.write(0x80 | payload.length);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }

    /** The response head, up to and without its empty line. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (head.size() < 4 || !head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("the response head before the end of stream").isNotNegative();
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** What the server sends up to and with {@code marker}, however the container frames its body. */
    private static String readUntil(InputStream in, String marker) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        while (!text.toString(StandardCharsets.UTF_8).contains(marker)) {
            int b = in.read();
            assertThat(b).as("\"" + marker + "\" before the end of stream, after: " + text.toString(StandardCharsets.UTF_8))
                    .isNotNegative();
            text.write(b);
        }
        return text.toString(StandardCharsets.UTF_8);
    }

    /** A server frame, unmasked, of fewer than 126 payload bytes. */
    private static Frame readFrame(InputStream in) throws IOException {
        int first = in.read();
        int length = in.read();
        assertThat(length).as("an unmasked frame under 126 bytes").isBetween(0, 125);
        return new Frame(first & 0x0F, in.readNBytes(length));
    }

    private record Frame(int opcode, byte[] payload) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Frame frame && frame.opcode == opcode && java.util.Arrays.equals(frame.payload, payload);
        }

        @Override
        public int hashCode() {
            return 31 * opcode + java.util.Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "opcode " + opcode + " " + new String(payload, StandardCharsets.UTF_8);
        }
    }
}
