package io.wssocket.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import io.wssocket.test.HttpProbe;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With option metrics and this module on the class path, the server answers
 * {@code /health/metrics} in Prometheus's text format with its meters and the JVM's: scraped over
 * HTTP as Prometheus does, on the main port beside /live and /ready, and on the health port.
 */
class PrometheusScrapeTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final RunningServer SERVER = RunningServer.with(b -> b.metrics(true), MetricsEndpoints::deploy);

    @Test
    void theScrapeShowsTheServersSessionsHandshakesAndTheJvm() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(SERVER.port(), "/echo")) {
            ws.sendText("hello");
            assertThat(ws.readFrame().text()).isEqualTo("hello");
            RawWebSocket.HttpResponse response = HttpProbe.request(SERVER.port(), "GET", "/health/metrics");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            assertThat(response.header("Cache-Control")).isEqualTo("no-store");
            Exposition scraped = Exposition.parse(response.body());
            assertThat(scraped.value("wssocket_sessions_open", "path", "/echo")).contains(1.0);
            assertThat(scraped.value("wssocket_handshakes_seconds_count", "path", "/echo", "outcome", "accepted",
                    "status", "101")).contains(1.0);
            assertThat(scraped.types()).containsEntry("wssocket_handshakes_seconds", "summary");
            assertThat(scraped.value("wssocket_connections_open")).hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
            assertThat(scraped.value("wssocket_eventloops")).contains(2.0);
            assertThat(scraped.value("wssocket_eventloop_busy_seconds_total")).isPresent();
            assertThat(scraped.value("wssocket_outbound_max_bytes")).isPresent();
            assertThat(scraped.of("jvm_memory_used_bytes")).isNotEmpty();
            assertThat(scraped.value("process_uptime_seconds")).isPresent();
            ws.sendClose(1000, "");
            ws.readCloseFrame();
        }
        await().atMost(WAIT).until(() -> Exposition.parse(HttpProbe.request(SERVER.port(), "GET", "/health/metrics").body())
                .value("wssocket_sessions_closed_total", "path", "/echo", "code", "1000", "initiator", "client")
                .orElse(0.0) == 1.0);
        Exposition after = Exposition.parse(HttpProbe.request(SERVER.port(), "GET", "/health/metrics").body());
        assertThat(after.value("wssocket_messages_total", "path", "/echo", "direction", "in")).contains(1.0);
        assertThat(after.value("wssocket_bytes_total", "path", "/echo", "direction", "out")).contains(7.0);
    }

    @Test
    void theScrapeAnswersGetAndHeadOnly() throws Exception {
        RawWebSocket.HttpResponse head = HttpProbe.request(SERVER.port(), "HEAD", "/health/metrics");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Type")).startsWith("text/plain");
        RawWebSocket.HttpResponse post = HttpProbe.request(SERVER.port(), "POST", "/health/metrics");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.header("Allow")).isEqualTo("GET, HEAD");
        assertThat(HttpProbe.status(SERVER.port(), "/health/live")).as("the health endpoints still answer").isEqualTo(200);
    }

    @Test
    void aWebSocketUpgradeForTheScrapesPathIsNoScrape() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(SERVER.port())) {
            ws.sendRaw(RawWebSocket.upgradeRequest("/health/metrics", RawWebSocket.newKey())
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(ws.readHttpHead().status()).as("no endpoint there").isEqualTo(404);
        }
    }

    @Test
    void onTheHealthPortTheScrapeIsThereAndNotOnTheMainPort() throws Exception {
        int healthPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            healthPort = probe.getLocalPort();
        }
        try (WebSocketServer server = WebSocketServer.create(ServerConfig.builder().host("127.0.0.1").port(0)
                .eventLoops(1).healthPort(healthPort).metrics(true).build())) {
            server.start();
            RawWebSocket.HttpResponse scrape = HttpProbe.request(server.healthAddress().getPort(), "GET", "/health/metrics");
            assertThat(scrape.status()).isEqualTo(200);
            assertThat(Exposition.parse(scrape.body()).value("wssocket_eventloops")).contains(1.0);
            assertThat(HttpProbe.status(server.port(), "/health/metrics")).as("main port: not served there").isNotEqualTo(200);
        }
    }
}
