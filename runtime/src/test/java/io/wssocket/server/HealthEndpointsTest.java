package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.handshake.HandshakeLimits;
import io.wssocket.handshake.HttpRequest;
import io.wssocket.handshake.HttpRequestParser;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The health answers as a function of the request, the listener, the peer's address and the server's state. */
class HealthEndpointsTest {
    private final AtomicReference<HealthEndpoints.Readiness> state = new AtomicReference<>(HealthEndpoints.Readiness.READY);
    private final AtomicInteger drains = new AtomicInteger();
    private final HealthEndpoints health = new HealthEndpoints("/health", state::get, drains::incrementAndGet);

    @Test
    void readyTurns503WhileStartingOrDraining() throws Exception {
        assertThat(status("GET", "/health/ready", true, "127.0.0.1")).isEqualTo(200);
        state.set(HealthEndpoints.Readiness.DRAINING);
        assertThat(text("GET", "/health/ready", "127.0.0.1")).startsWith("HTTP/1.1 503").contains("{\"status\":\"DRAINING\"}");
        assertThat(status("GET", "/health/live", false, "127.0.0.1")).as("live while draining").isEqualTo(200);
        state.set(HealthEndpoints.Readiness.STARTING);
        assertThat(status("GET", "/health/ready", false, "127.0.0.1")).isEqualTo(503);
    }

    @Test
    void theDrainRequestIsTakenFromLoopbackOnTheHealthListenerOnly() throws Exception {
        assertThat(status("POST", "/health/drain", true, "10.1.2.3")).isEqualTo(403);
        assertThat(status("GET", "/health/drain", true, "127.0.0.1")).isEqualTo(405);
        assertThat(drains).hasValue(0);
        assertThat(respond("POST", "/health/drain", false, "127.0.0.1")).as("main port: not a health path").isNull();
        assertThat(drains).hasValue(0);
        assertThat(status("POST", "/health/drain", true, "127.0.0.1")).isEqualTo(202);
        assertThat(drains).hasValue(1);
    }

    @Test
    void theHealthListenerAnswersNothingElse() throws Exception {
        assertThat(status("GET", "/echo", true, "127.0.0.1")).isEqualTo(404);
        assertThat(respond("GET", "/echo", false, "127.0.0.1")).as("main port: left to the endpoints").isNull();
    }

    private int status(String method, String path, boolean healthListener, String remote) throws Exception {
        String response = toText(respond(method, path, healthListener, remote));
        return Integer.parseInt(response.substring(9, 12));
    }

    private String text(String method, String path, String remote) throws Exception {
        return toText(respond(method, path, false, remote));
    }

    private ByteBuffer[] respond(String method, String path, boolean healthListener, String remote) throws Exception {
        HttpRequestParser parser = new HttpRequestParser(new HandshakeLimits(8192, 100, 16384));
        ByteBuffer in = ByteBuffer.wrap((method + " " + path + " HTTP/1.1\r\nHost: node\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(parser.parse(in)).isTrue();
        HttpRequest request = parser.request();
        return health.respond(request, new InetSocketAddress(InetAddress.getByName(remote), 40000), healthListener);
    }

    private static String toText(ByteBuffer[] buffers) {
        StringBuilder text = new StringBuilder();
        for (ByteBuffer b : buffers) {
            text.append(StandardCharsets.ISO_8859_1.decode(b.duplicate()));
        }
        return text.toString();
    }
}
