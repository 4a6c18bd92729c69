package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RawWebSocket;
import jakarta.websocket.server.ServerEndpointConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The operator hears at INFO of refused handshakes, limit closes and stalls: the first with who,
 * where and which limit, the rest counted, so that a flood costs a few lines and no event is lost.
 */
@Timeout(120)
class OperatorLogTest {
    private CapturedLog log;
    private WebSocketServer server;

    @BeforeEach
    void start() throws Exception {
        log = CapturedLog.start(OperatorLog.class, Level.INFO);
        server = WebSocketServer.create(ServerConfig.builder().host("127.0.0.1").port(0).eventLoops(1)
                .readProgressTimeoutMillis(300).build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        log.close();
    }

    private List<String> linesAbout(String what) {
        return log.messages(Level.INFO, what);
    }

    @Test
    void aFloodOfAThousandRefusedHandshakesIsAFewLinesWithTheRightCount() throws Exception {
        for (int i = 0; i < 1000; i++) {
            try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
                ws.sendRaw(RawWebSocket.upgradeRequest("/nowhere", RawWebSocket.newKey()).getBytes(StandardCharsets.US_ASCII));
                assertThat(ws.readHttpHead().status()).isEqualTo(404);
            }
        }
        server.close(); // flushes what is counted

        List<String> refused = linesAbout("refused handshakes");
        assertThat(refused.get(0)).contains("404 to /127.0.0.1:").contains(" at /nowhere")
                .contains("no WebSocket endpoint at /nowhere");
        assertThat(refused).as("lines for 1,000 refusals").hasSizeLessThanOrEqualTo(1 + 1 + 120 / 10);
        assertThat(refused.stream().mapToLong(CapturedLog::eventsIn).sum()).isEqualTo(1000);
        assertThat(refused.subList(1, refused.size())).allSatisfy(line -> assertThat(line).contains("404 Not Found ×"));
    }

    @Test
    void aLimitCloseIsToldWithThePeerThePathAndTheLimit() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/echo")) {
            java.io.ByteArrayOutputStream frames = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < 5000; i++) {
                frames.writeBytes(RawWebSocket.frame(false, 0, i == 0 ? RawWebSocket.TEXT : RawWebSocket.CONTINUATION,
                        new byte[0], true));
            }
            ws.sendRaw(frames.toByteArray());
            assertThat(ws.readCloseFrame().code()).isEqualTo(1009);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !linesAbout("connections closed at a limit").isEmpty());
        assertThat(linesAbout("connections closed at a limit").get(0)).contains("1009 to /127.0.0.1:").contains(" at /echo")
                .contains("max-frames-per-message");
    }

    @Test
    void aStallIsToldWithThePeerThePathAndTheTimeout() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/echo")) {
            ws.sendRaw(new byte[] {(byte) 0x81});
            assertThat(ws.readCloseFrame().code()).isEqualTo(1008);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !linesAbout("stalled connections closed").isEmpty());
        assertThat(linesAbout("stalled connections closed").get(0)).contains("/127.0.0.1:").contains(" at /echo")
                .contains("read-progress-timeout");
    }
}
