package io.wssocket.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.server.ServerInternals;
import io.wssocket.test.HttpProbe;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import io.wssocket.test.TestCertificates;
import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.Yaml;

/**
 * The alert rules of docs/deploy/prometheus-alerts.yml are valid YAML in Prometheus's rule-file
 * shape, and every series they query is one a real server's scrape has once its events happened
 * (a wss:// server with a health port, made to refuse, stall, drop and wait).
 */
class PrometheusAlertRulesTest {
    private static final Path RULES = Path.of("..", "..", "docs", "deploy", "prometheus-alerts.yml");
    private static final Pattern SERIES = Pattern.compile("\\bwssocket_[a-z_]+");
    private static final TestCertificates.Material CERTIFICATE = TestCertificates.localhost();
    private static final int HEALTH_PORT = freePort();

    @RegisterExtension
    static final RunningServer SERVER = RunningServer.with(b -> b.metrics(true).healthPort(HEALTH_PORT)
            .tlsKeystore(CERTIFICATE.keystore().toString()).tlsKeystorePassword(TestCertificates.PASSWORD)
            .option("virtual-threads", "false")
            .option("max-message-size", "200")
            .option("slow-send-threshold", "100")
            .option("loop-stall-threshold", "50"), MetricsEndpoints::deploy);

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> groups() throws IOException {
        try (Reader in = Files.newBufferedReader(RULES, StandardCharsets.UTF_8)) {
            Map<String, Object> file = new Yaml().load(in);
            return (List<Map<String, Object>>) file.get("groups");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules() throws IOException {
        return groups().stream().flatMap(g -> ((List<Map<String, Object>>) g.get("rules")).stream()).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRulesAreAPrometheusRuleFile() throws IOException {
        assertThat(groups()).extracting(g -> g.get("name"))
                .containsExactly("wssocket-slow-consumers", "wssocket-handshake-floods", "wssocket-saturation");
        List<Map<String, Object>> rules = rules();
        assertThat(rules).hasSizeGreaterThanOrEqualTo(9).allSatisfy(rule -> {
            assertThat(rule.get("alert")).asString().startsWith("WsSocket");
            assertThat(rule.get("expr")).asString().contains("wssocket_");
            assertThat(((Map<String, Object>) rule.get("labels")).get("severity")).isIn("info", "warning", "critical");
            assertThat(((Map<String, Object>) rule.get("annotations"))).containsKeys("summary", "description");
            if (rule.containsKey("for")) {
                assertThat(rule.get("for")).asString().matches("\\d+[smh]");
            }
        });
        assertThat(rules).extracting(r -> r.get("alert")).doesNotHaveDuplicates();
    }

    @Test
    void everySeriesTheRulesQueryIsScraped() throws Exception {
        provokeEveryEvent();
        Set<String> queried = new TreeSet<>();
        for (Map<String, Object> rule : rules()) {
            Matcher m = SERIES.matcher((String) rule.get("expr"));
            while (m.find()) {
                queried.add(m.group());
            }
        }
        assertThat(queried).hasSizeGreaterThanOrEqualTo(10);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Set<String> scraped = Exposition.parse(HttpProbe.request(HEALTH_PORT, "GET", "/health/metrics").body())
                    .samples().stream().map(Exposition.Sample::name).collect(Collectors.toSet());
            assertThat(scraped).containsAll(queried);
        });
    }

    /** A wss:// session, a refusal, a limit, a slow send, a loop stall and a TLS client that gives up. */
    private static void provokeEveryEvent() throws Exception {
        try (RawWebSocket ws = tls(64 * 1024)) {
            ws.handshake("/echo");
            ws.sendText("x".repeat(300));
            assertThat(ws.readCloseFrame().code()).isEqualTo(1009);
        }
        try (RawWebSocket ws = tls(64 * 1024)) {
            ws.sendRaw(RawWebSocket.upgradeRequest("/nowhere", RawWebSocket.newKey()).getBytes(StandardCharsets.US_ASCII));
            assertThat(ws.readHttpHead().status()).isEqualTo(404);
        }
        try (RawWebSocket ws = tls(4096)) {
            ws.handshake("/big");
            ws.sendText("go");
            TimeUnit.MILLISECONDS.sleep(300); // not reading: the server's 8 MiB send waits
            assertThat(ws.readFrame().payload()).hasSize(MetricsEndpoints.BIG);
        }
        try (Socket plain = new Socket("127.0.0.1", SERVER.port())) {
            plain.getOutputStream().write(new byte[] {1, 2, 3}); // no TLS: its handshake fails
        }
        ServerInternals.stallALoop(SERVER.server(), 80);
    }

    private static RawWebSocket tls(int receiveBuffer) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress("127.0.0.1", SERVER.port()));
        SSLSocket tls = (SSLSocket) CERTIFICATE.clientContext().getSocketFactory()
                .createSocket(socket, "127.0.0.1", SERVER.port(), true);
        tls.startHandshake();
        return RawWebSocket.over(tls);
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
