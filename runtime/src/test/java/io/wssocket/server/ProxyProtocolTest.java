package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.wssocket.test.RawWebSocket;
import io.wssocket.test.TestCertificates;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A listener with proxy-protocol on, behind a balancer at 127.0.0.1: the session sees the client's
 * address that HAProxy's header (v1 send-proxy, v2 send-proxy-v2) reports, per-address limits
 * count that address, and a peer that is not trusted, a header that is not one, or one that never
 * ends is closed unread with a line in the operator log.
 */
@Timeout(60)
class ProxyProtocolTest {
    private static final String LOG_KIND = "connections closed at the PROXY header";
    private static final InetSocketAddress CLIENT_V4 = new InetSocketAddress(address("203.0.113.7"), 4711);
    private static final InetSocketAddress CLIENT_V6 = new InetSocketAddress(address("2001:db8::1"), 4711);

    private WebSocketServer server;
    private CapturedLog log;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (log != null) {
            log.close();
        }
    }

    private void start(Consumer<ServerConfig.Builder> configure) throws Exception {
        log = CapturedLog.start(OperatorLog.class, Level.INFO);
        ServerConfig.Builder builder = ServerConfig.defaults().host("127.0.0.1").port(0).eventLoops(1)
                .proxyProtocol(true).trustedProxies("127.0.0.1");
        configure.accept(builder);
        server = WebSocketServer.create(builder.build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(AddressReportEndpoint.class, "/address").build());
        server.start();
    }

    private InetSocketAddress serverAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
    }

    @Test
    void aVersionOneHeaderGivesTheSessionTheClientsAddressAndKeepsThePeers() throws Exception {
        start(b -> { });
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            ws.sendRaw(ProxyHeaders.v1("TCP4", "203.0.113.7", "127.0.0.1", 4711, server.port()));
            ws.handshake("/address");
            String[] addresses = ws.readFrame().text().split("\\|");
            assertThat(addresses[0]).isEqualTo(CLIENT_V4.toString());
            assertThat(addresses[1]).startsWith("/127.0.0.1:");
        }
    }

    @Test
    void aVersionTwoHeaderWithTlvsAndTheRequestInOneWriteGiveTheIpv6ClientsAddress() throws Exception {
        start(b -> { });
        byte[] tlvs = ProxyHeaders.concat(ProxyHeaders.tlv(0x01, "http/1.1".getBytes(StandardCharsets.US_ASCII)),
                ProxyHeaders.tlv(0x05, new byte[128]), ProxyHeaders.tlv(0x04, new byte[0]));
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            String key = RawWebSocket.newKey();
            ws.sendRaw(ProxyHeaders.concat(ProxyHeaders.v2(CLIENT_V6, serverAddress(), tlvs),
                    RawWebSocket.upgradeRequest("/address", key).getBytes(StandardCharsets.US_ASCII)));
            assertThat(ws.readHttpHead().status()).isEqualTo(101);
            assertThat(ws.readFrame().text()).startsWith(CLIENT_V6 + "|/127.0.0.1:");
        }
    }

    @Test
    void aHealthCheckHeaderLocalOrUnknownKeepsThePeersAddress() throws Exception {
        start(b -> { });
        for (byte[] header : List.of(ProxyHeaders.v2Local(), "PROXY UNKNOWN\r\n".getBytes(StandardCharsets.US_ASCII))) {
            try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
                ws.sendRaw(header);
                ws.handshake("/address");
                String[] addresses = ws.readFrame().text().split("\\|");
                assertThat(addresses[0]).startsWith("/127.0.0.1:").isEqualTo(addresses[1]);
            }
        }
    }

    @Test
    void perAddressLimitsCountTheReportedAddressesApart() throws Exception {
        start(b -> b.maxConnectionsPerAddress(1));
        try (RawWebSocket first = behindProxy("203.0.113.7");
             RawWebSocket second = behindProxy("203.0.113.8")) {
            first.handshake("/address");
            second.handshake("/address");
            assertThat(second.readFrame().text()).startsWith("/203.0.113.8:");
            try (RawWebSocket again = behindProxy("203.0.113.7")) {
                again.sendRaw(RawWebSocket.upgradeRequest("/address", RawWebSocket.newKey()));
                RawWebSocket.HttpResponse response = again.readHttpHead();
                assertThat(response.status()).isEqualTo(429);
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> linesAbout("refused handshakes").stream()
                .anyMatch(line -> line.contains("429 to /203.0.113.7:4711")));
    }

    private RawWebSocket behindProxy(String client) throws Exception {
        RawWebSocket ws = RawWebSocket.connect(server.port());
        ws.sendRaw(ProxyHeaders.v1("TCP4", client, "127.0.0.1", 4711, server.port()));
        return ws;
    }

    @Test
    void aPeerNotInTrustedProxiesIsClosedUnreadWithALogLine() throws Exception {
        start(b -> { });
        RawWebSocket ws = RawWebSocket.connectFrom(InetAddress.getByName("127.0.0.2"), server.port());
        assertThat(closedUnanswered(ws, ProxyHeaders.concat(ProxyHeaders.v1("TCP4", "203.0.113.7", "127.0.0.1", 4711,
                server.port()), RawWebSocket.upgradeRequest("/address", RawWebSocket.newKey()).getBytes(StandardCharsets.US_ASCII)),
                false)).contains("/127.0.0.2:").contains("untrusted peer").contains("trusted-proxies");
    }

    @Test
    void aRequestWithoutHeaderIsClosedUnreadAsHttp() throws Exception {
        start(b -> { });
        assertThat(closedUnanswered(RawWebSocket.connect(server.port()),
                RawWebSocket.upgradeRequest("/address", RawWebSocket.newKey()).getBytes(StandardCharsets.US_ASCII), false))
                .contains("malformed header").contains("0x47");
    }

    @Test
    void aMalformedVersionOneLineIsClosed() throws Exception {
        start(b -> { });
        assertThat(closedUnanswered(RawWebSocket.connect(server.port()), ("PROXY TCP4 203.0.113.007 127.0.0.1 4711 80\r\n"
                + RawWebSocket.upgradeRequest("/address", "x")).getBytes(StandardCharsets.US_ASCII), false)).contains("203.0.113.007").contains("is not an IPv4 address");
    }

    @Test
    void aHeaderCutOffByTheEndOfTheStreamIsClosedWithALogLine() throws Exception {
        start(b -> { });
        assertThat(closedUnanswered(RawWebSocket.connect(server.port()),
                java.util.Arrays.copyOf(ProxyHeaders.v2(CLIENT_V4, serverAddress()), 20), true)).contains("truncated header");
    }

    @Test
    void aHeaderNotCompletedWithinTheHandshakeTimeoutIsClosed() throws Exception {
        start(b -> b.handshakeTimeoutMillis(300));
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            ws.sendRaw("PROXY TCP4 203.0.113.7 ");
            assertThat(ws.awaitDisconnect(Duration.ofSeconds(10))).isEmpty();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !linesAbout("stalled connections closed").isEmpty());
        assertThat(linesAbout("stalled connections closed").get(0)).contains("PROXY header not completed within 300 ms");
    }

    @Test
    void overTlsTheHeaderComesBeforeTheClientHello() throws Exception {
        TestCertificates.Material certificate = TestCertificates.localhost();
        start(b -> b.tlsKeystore(certificate.keystore().toString()).tlsKeystorePassword(TestCertificates.PASSWORD));
        Socket tcp = new Socket(InetAddress.getLoopbackAddress(), server.port());
        tcp.getOutputStream().write(ProxyHeaders.v2(CLIENT_V6, serverAddress()));
        try (SSLSocket tls = (SSLSocket) certificate.clientContext().getSocketFactory()
                .createSocket(tcp, "localhost", server.port(), true)) {
            tls.startHandshake();
            RawWebSocket ws = RawWebSocket.over(tls);
            ws.handshake("/address");
            assertThat(ws.readFrame().text()).startsWith(CLIENT_V6 + "|/127.0.0.1:");
        }
    }

    @Test
    void overTlsAClientHelloInTheSameSegmentAsTheHeaderIsDecryptedAfterIt() throws Exception {
        TestCertificates.Material certificate = TestCertificates.localhost();
        start(b -> b.tlsKeystore(certificate.keystore().toString()).tlsKeystorePassword(TestCertificates.PASSWORD));
        SSLEngine engine = certificate.clientContext().createSSLEngine("localhost", server.port());
        engine.setUseClientMode(true);
        try (Socket tcp = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            tcp.setSoTimeout(5000);
            TlsOverSocket tls = new TlsOverSocket(engine, tcp);
            // HAProxy writes the header and the client's first bytes together when they are there.
            tls.handshake(ProxyHeaders.v2(CLIENT_V4, serverAddress()));
            tls.write(RawWebSocket.upgradeRequest("/address", RawWebSocket.newKey()).getBytes(StandardCharsets.US_ASCII));
            String answer = tls.readUntilFrame();
            assertThat(answer).startsWith("HTTP/1.1 101 ").contains(CLIENT_V4 + "|/127.0.0.1:");
        }
    }

    @Test
    void proxyProtocolWithoutTrustedProxiesIsRefusedAtBuild() {
        assertThatThrownBy(() -> ServerConfig.defaults().proxyProtocol(true).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs trusted-proxies");
    }

    /** A TLS client driven by hand over a blocking socket, so that the first flight can share a write with a prefix. */
    private static final class TlsOverSocket {
        private final SSLEngine engine;
        private final Socket socket;
        private final ByteBuffer netIn;
        private final ByteBuffer plain;

        TlsOverSocket(SSLEngine engine, Socket socket) {
            this.engine = engine;
            this.socket = socket;
            this.netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() * 4).flip();
            this.plain = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() * 4);
        }

        void handshake(byte[] prefix) throws Exception {
            engine.beginHandshake();
            byte[] first = wrap(ByteBuffer.allocate(0));
            socket.getOutputStream().write(ProxyHeaders.concat(prefix, first)); // one write: one segment on loopback
            while (true) {
                switch (engine.getHandshakeStatus()) {
                    case NEED_WRAP -> socket.getOutputStream().write(wrap(ByteBuffer.allocate(0)));
                    case NEED_TASK -> {
                        Runnable task;
                        while ((task = engine.getDelegatedTask()) != null) {
                            task.run();
                        }
                    }
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> unwrapSome();
                    default -> {
                        return;
                    }
                }
            }
        }

        void write(byte[] data) throws Exception {
            socket.getOutputStream().write(wrap(ByteBuffer.wrap(data)));
        }

        /** Reads until the plaintext holds an HTTP head and a whole short unmasked frame after it; returns the head and the frame's text. */
        String readUntilFrame() throws Exception {
            while (true) {
                String text = new String(plain.array(), 0, plain.position(), StandardCharsets.ISO_8859_1);
                int end = text.indexOf("\r\n\r\n");
                if (end >= 0 && text.length() >= end + 6 && text.length() >= end + 6 + (text.charAt(end + 5) & 0x7f)) {
                    return text.substring(0, end + 4) + text.substring(end + 6, end + 6 + (text.charAt(end + 5) & 0x7f));
                }
                unwrapSome();
            }
        }

        private byte[] wrap(ByteBuffer data) throws Exception {
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() * 2);
            do {
                engine.wrap(data, out);
            } while (data.hasRemaining());
            return java.util.Arrays.copyOf(out.array(), out.position());
        }

        private void unwrapSome() throws Exception {
            SSLEngineResult result = engine.unwrap(netIn, plain);
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW || result.bytesConsumed() == 0
                    && result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_UNWRAP) {
                netIn.compact();
                int n = socket.getInputStream().read(netIn.array(), netIn.position(), netIn.remaining());
                if (n < 0) {
                    throw new java.io.EOFException("server closed the connection");
                }
                netIn.position(netIn.position() + n).flip();
            }
        }
    }

    /**
     * Sends {@code bytes} (and ends the output when {@code halfClose}), expects the server to drop
     * the connection without a byte of answer, and returns the operator log's line about it.
     */
    private String closedUnanswered(RawWebSocket ws, byte[] bytes, boolean halfClose) throws Exception {
        try (ws) {
            ws.sendRaw(bytes);
            if (halfClose) {
                ws.shutdownOutput();
            }
            assertThat(ws.awaitDisconnect(Duration.ofSeconds(10))).as("no answer").isEmpty();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !linesAbout(LOG_KIND).isEmpty());
        return linesAbout(LOG_KIND).get(0);
    }

    private List<String> linesAbout(String what) {
        return log.messages(Level.INFO, what);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
