package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.interop.Executables;
import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.HttpProbe;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin page in headless Chromium, under its own Content-Security-Policy: its script fetches
 * the status and renders the endpoint rows and their session counts. Chromium is found as the
 * interop tests find it ({@code -Dwssocket.chromium=...}, {@code WSSOCKET_CHROMIUM}, or
 * {@code chromium} on the PATH); a missing one fails the test, saying so.
 */
@Timeout(120)
class AdminViewChromiumTest {
    private static final int HEALTH_PORT = HttpProbe.freePort();

    @RegisterExtension
    static final RunningServer server = RunningServer.with(b -> b.healthPort(HEALTH_PORT),
            c -> {
                c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
                c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/quiet").build());
            });

    @Test
    void thePageRendersTheEndpointsAndTheirSessions(@TempDir Path profile) throws Exception {
        List<RawWebSocket> clients = new ArrayList<>();
        try {
            clients.add(RawWebSocket.open(server.port(), "/echo"));
            clients.add(RawWebSocket.open(server.port(), "/echo"));
            String dom = dumpDom(profile, "http://127.0.0.1:" + HEALTH_PORT + "/health/admin");
            assertThat(dom).contains("<tr><td>/echo</td><td>programmatic</td><td>" + EchoEndpoint.class.getName()
                    + "</td><td class=\"n\">2</td></tr>");
            assertThat(dom).contains("<tr><td>/quiet</td><td>programmatic</td><td>" + EchoEndpoint.class.getName()
                    + "</td><td class=\"n\">0</td></tr>");
            assertThat(dom).contains("<tr><td>openSessions</td><td>2</td></tr>", "<tr><td>127.0.0.1</td><td class=\"n\">2</td></tr>");
            assertThat(dom).contains("<td>max-queued-bytes</td>").contains("as of ");
        } finally {
            RawWebSocket.closeAll(clients);
        }
    }

    /** The page's DOM once its script ran: virtual time lets the fetch finish before the dump. */
    private static String dumpDom(Path profile, String url) throws IOException, InterruptedException {
        Path chromium = Executables.find("chromium", "wssocket.chromium").orElseThrow(() -> new IllegalStateException(
                "Chromium is not on the PATH: install it (Debian: apt-get install chromium), "
                        + "or name its executable with -Dwssocket.chromium=..."));
        Path out = profile.resolve("dom.html");
        Path log = profile.resolve("chromium.log");
        Process browser = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--user-data-dir=" + profile.resolve("data"), "--virtual-time-budget=3000",
                "--dump-dom", url)
                .redirectOutput(out.toFile()).redirectError(log.toFile()).start();
        try {
            assertThat(browser.waitFor(90, TimeUnit.SECONDS)).as("Chromium dumped the page in time").isTrue();
        } finally {
            browser.destroyForcibly();
        }
        String dom = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(dom).as("Chromium's DOM; its log: %s", Files.readString(log, StandardCharsets.UTF_8))
                .contains("WS Socket admin");
        return dom;
    }
}
