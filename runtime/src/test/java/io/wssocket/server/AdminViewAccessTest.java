package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.handshake.HandshakeLimits;
import io.wssocket.handshake.HttpRequestParser;
import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.HttpProbe;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who gets the admin view, where and how: the health-port listener only, loopback peers and those
 * of admin-allow only, GET and HEAD only, with headers that keep a browser from caching it,
 * sniffing it or running anything in it but its own script; and not at all when turned off.
 */
@Timeout(60)
class AdminViewAccessTest {
    private static final int HEALTH_PORT = HttpProbe.freePort();
    private static final int HEALTH_PORT_OFF = HttpProbe.freePort();

    @RegisterExtension
    static final RunningServer server = RunningServer.with(b -> b.healthPort(HEALTH_PORT).adminAllow("192.0.2.0/24"),
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build()));

    @RegisterExtension
    static final RunningServer withoutView = RunningServer.with(b -> b.healthPort(HEALTH_PORT_OFF).adminView(false),
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build()));

    @Test
    void thePageIsServedWithAPolicyThatAllowsOnlyItsOwnStyleAndScript() throws Exception {
        RawWebSocket.HttpResponse page = HttpProbe.request(HEALTH_PORT, "GET", "/health/admin");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Content-Security-Policy")).startsWith("default-src 'none'; style-src 'sha256-")
                .contains("script-src 'sha256-", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.body()).contains("<script>", "admin/status.json").doesNotContain("http://", "https://", "src=");
    }

    @Test
    void headGetsTheHeadAloneAndOtherMethods405() throws Exception {
        RawWebSocket.HttpResponse head = HttpProbe.request(HEALTH_PORT, "HEAD", "/health/admin/status.json");
        assertThat(head.status()).isEqualTo(200);
        assertThat(Integer.parseInt(head.header("Content-Length"))).isPositive();
        RawWebSocket.HttpResponse post = HttpProbe.request(HEALTH_PORT, "POST", "/health/admin");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.header("Allow")).isEqualTo("GET, HEAD");
    }

    @RegisterExtension
    static final RunningServer healthOnMainPort = RunningServer.withEndpoints(
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build()));

    @Test
    void thePublicPortDoesNotServeItEvenWhereItAnswersTheProbes() throws Exception {
        // 426: the public port answers a plain request for any other path with Upgrade Required.
        assertThat(HttpProbe.status(server.port(), "/health/admin")).isEqualTo(426);
        assertThat(HttpProbe.status(server.port(), "/health/admin/status.json")).isEqualTo(426);
        assertThat(HttpProbe.status(healthOnMainPort.port(), "/health/live")).isEqualTo(200);
        RawWebSocket.HttpResponse admin = HttpProbe.request(healthOnMainPort.port(), "GET", "/health/admin/status.json");
        assertThat(admin.status()).isEqualTo(426);
        assertThat(admin.body()).doesNotContain("limits");
    }

    @Test
    void turnedOffTheHealthPortAnswers404AndStillItsProbes() throws Exception {
        assertThat(HttpProbe.status(HEALTH_PORT_OFF, "/health/admin")).isEqualTo(404);
        assertThat(HttpProbe.status(HEALTH_PORT_OFF, "/health/admin/status.json")).isEqualTo(404);
        assertThat(HttpProbe.status(HEALTH_PORT_OFF, "/health/live")).isEqualTo(200);
    }

    /**
     * The peer's address as the health listener sees it, given here: a test cannot connect to
     * loopback from another address, and every 127/8 address is loopback.
     */
    @Test
    void answersLoopbackAndAdminAllowPeersAndRefusesEveryOther() throws Exception {
        AdminView view = new AdminView("/health", server.server());
        assertThat(status(view, "10.1.2.3")).isEqualTo(403);
        assertThat(status(view, "2001:db8::1")).isEqualTo(403);
        assertThat(status(view, "192.0.2.7")).as("in admin-allow").isEqualTo(200);
        assertThat(status(view, "127.0.0.1")).isEqualTo(200);
        assertThat(status(view, "::1")).isEqualTo(200);
        assertThat(text(view.respond(request("127.0.0.1:8081"), null))).as("no peer known")
                .startsWith("HTTP/1.1 403");
    }

    /** A page of another site whose name was made to resolve to 127.0.0.1 (DNS rebinding) sends its own name. */
    @Test
    void answersOnlyRequestsThatNameThisMachineByAddressOrAsLocalhost() throws Exception {
        AdminView view = new AdminView("/health", server.server());
        assertThat(status(view, "127.0.0.1", "attacker.example:8081")).isEqualTo(403);
        assertThat(status(view, "127.0.0.1", "127.0.0.1.attacker.example")).isEqualTo(403);
        assertThat(status(view, "127.0.0.1", "")).isEqualTo(403);
        assertThat(status(view, "127.0.0.1", "localhost:8081")).isEqualTo(200);
        assertThat(status(view, "::1", "[::1]:8081")).isEqualTo(200);
        assertThat(status(view, "192.0.2.7", "192.0.2.1")).isEqualTo(200);
    }

    private static int status(AdminView view, String remote) throws Exception {
        return status(view, remote, "127.0.0.1:8081");
    }

    private static int status(AdminView view, String remote, String host) throws Exception {
        ByteBuffer[] response = view.respond(request(host), new InetSocketAddress(InetAddress.getByName(remote), 40000));
        return Integer.parseInt(text(response).substring(9, 12));
    }

    private static io.wssocket.handshake.HttpRequest request(String host) throws Exception {
        HttpRequestParser parser = new HttpRequestParser(new HandshakeLimits(8192, 100, 16384));
        ByteBuffer in = ByteBuffer.wrap(("GET /health/admin/status.json HTTP/1.1\r\nHost: " + host + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(parser.parse(in)).isTrue();
        return parser.request();
    }

    private static String text(ByteBuffer[] buffers) {
        StringBuilder text = new StringBuilder();
        for (ByteBuffer b : buffers) {
            text.append(StandardCharsets.UTF_8.decode(b.duplicate()));
        }
        return text.toString();
    }
}
