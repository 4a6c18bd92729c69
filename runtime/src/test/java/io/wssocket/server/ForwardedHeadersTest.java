package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.RawWebSocket;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * forwarded-headers with a trusted proxy at 127.0.0.1: the client's address is the rightmost
 * untrusted hop of the header the proxy sets, it is what per-address limits count, and a header
 * from an untrusted peer or one that cannot be read leaves the peer's address.
 */
@Timeout(60)
class ForwardedHeadersTest {
    private WebSocketServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(String header, Consumer<ServerConfig.Builder> configure) throws Exception {
        ServerConfig.Builder builder = ServerConfig.defaults().host("127.0.0.1").port(0).eventLoops(1)
                .forwardedHeaders(header).trustedProxies("127.0.0.1, 10.0.0.0/8");
        configure.accept(builder);
        server = WebSocketServer.create(builder.build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(AddressReportEndpoint.class, "/address").build());
        server.start();
    }

    /** Opens /address with the extra header lines and returns what the session's properties say. */
    private String[] addressesSeen(RawWebSocket ws, String headerLines) throws Exception {
        ws.sendRaw(request(headerLines));
        assertThat(ws.readHttpHead().status()).isEqualTo(101);
        return ws.readFrame().text().split("\\|");
    }

    private int statusWith(String headerLines) throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            ws.sendRaw(request(headerLines));
            return ws.readHttpHead().status();
        }
    }

    /** An upgrade request for /address with the header lines (CRLF between them) added. */
    private static byte[] request(String headerLines) {
        return RawWebSocket.upgradeRequest("/address", RawWebSocket.newKey())
                .replace("\r\n\r\n", "\r\n" + headerLines + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void theRightmostUntrustedForNodeIsTheClientQuotedIpv6WithItsPort() throws Exception {
        start("forwarded", b -> { });
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            String[] seen = addressesSeen(ws, "Forwarded: for=198.51.100.1;proto=https\r\n"
                    + "Forwarded: for=\"[2001:db8::1]:4711\", for=10.1.2.3;by=10.0.0.1");
            assertThat(seen[0]).isEqualTo("/[2001:db8:0:0:0:0:0:1]:4711");
            assertThat(seen[1]).startsWith("/127.0.0.1:");
        }
    }

    @Test
    void xForwardedForIsReadTheSameWayWhenThatIsTheHeaderNamed() throws Exception {
        start("x-forwarded-for", b -> { });
        try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
            String[] seen = addressesSeen(ws, "X-Forwarded-For: 192.0.2.66, 198.51.100.9, 10.9.9.9\r\n"
                    + "Forwarded: for=192.0.2.1");
            assertThat(seen[0]).as("the Forwarded header is not the one named").isEqualTo("/198.51.100.9:0");
        }
    }

    @Test
    void anUntrustedPeerOrAnUnusableValueKeepsThePeersAddress() throws Exception {
        start("forwarded", b -> { });
        try (RawWebSocket ws = RawWebSocket.connectFrom(InetAddress.getByName("127.0.0.2"), server.port())) {
            assertThat(addressesSeen(ws, "Forwarded: for=198.51.100.1")[0]).as("untrusted peer").startsWith("/127.0.0.2:");
        }
        for (String value : new String[] {"for=_hidden", "for=unknown", "for=[2001:db8::1]", "for=\"unclosed",
                "for=1.2.3.4;for=5.6.7.8"}) {
            try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
                assertThat(addressesSeen(ws, "Forwarded: " + value)[0]).as(value).startsWith("/127.0.0.1:");
            }
        }
    }

    @Test
    void perAddressLimitsCountTheForwardedAddressNotTheProxy() throws Exception {
        start("forwarded", b -> b.maxConnectionsPerAddress(1));
        try (RawWebSocket first = RawWebSocket.connect(server.port());
             RawWebSocket second = RawWebSocket.connect(server.port())) {
            addressesSeen(first, "Forwarded: for=198.51.100.1");
            addressesSeen(second, "Forwarded: for=198.51.100.2");
            assertThat(statusWith("Forwarded: for=198.51.100.1")).isEqualTo(429);
        }
    }
}
