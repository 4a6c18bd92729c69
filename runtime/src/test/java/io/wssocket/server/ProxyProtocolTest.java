package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;
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
        try (RawWebSocket ws = RawWebSocket.connectFrom(InetAddress.getByName("127.0.0.2"), server.port())) {
            ws.sendRaw(ProxyHeaders.concat(ProxyHeaders.v1("TCP4", "203.0.113.7", "127.0.0.1", 4711, server.port()),
                    RawWebSocket.upgradeRequest("/address", RawWebSocket.newKey()).getBytes(StandardCharsets.US_ASCII)));
            assertThat(ws.awaitDisconnect(Duration.ofSeconds(10))).isEmpty();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !linesAbout(LOG_KIND).isEmpty());
        assertThat(linesAbout(LOG_KIND).get(0)).contains("/127.0.0.2:").contains("untrusted peer").contains("trusted-proxies");
    }

    @Test
    void aRequestWithoutHeaderIsClosedUnreadAsHttp() throws Exception {
        start(b -> { });
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            ws.sendRaw(RawWebSocket.upgradeRequest("/address", RawWebSocket.newKey()));
            assertThat(ws.awaitDisconnect(Duration.ofSeconds(10))).as("no HTTP answer").isEmpty();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !linesAbout(LOG_KIND).isEmpty());
        assertThat(linesAbout(LOG_KIND).get(0)).contains("malformed header").contains("0x47");
    }

    @Test
    void aMalformedVersionOneLineIsClosed() throws Exception {
        start(b -> { });
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            ws.sendRaw("PROXY TCP4 203.0.113.007 127.0.0.1 4711 80\r\n" + RawWebSocket.upgradeRequest("/address", "x"));
            assertThat(ws.awaitDisconnect(Duration.ofSeconds(10))).isEmpty();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !linesAbout(LOG_KIND).isEmpty());
        assertThat(linesAbout(LOG_KIND).get(0)).contains("203.0.113.007").contains("is not an IPv4 address");
    }

    @Test
    void aHeaderCutOffByTheEndOfTheStreamIsClosedWithALogLine() throws Exception {
        start(b -> { });
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            ws.sendRaw(java.util.Arrays.copyOf(ProxyHeaders.v2(CLIENT_V4, serverAddress()), 20));
            ws.shutdownOutput();
            assertThat(ws.awaitDisconnect(Duration.ofSeconds(10))).isEmpty();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !linesAbout(LOG_KIND).isEmpty());
        assertThat(linesAbout(LOG_KIND).get(0)).contains("truncated header");
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
