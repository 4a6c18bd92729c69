package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RawWebSocket;
import jakarta.websocket.server.ServerEndpointConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern IN_ALL = Pattern.compile("\\((\\d+) in all\\)");
    private final Logger logger = Logger.getLogger(OperatorLog.class.getName());
    private final List<String> lines = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                synchronized (lines) {
                    lines.add(record.getMessage());
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private WebSocketServer server;

    @BeforeEach
    void start() throws Exception {
        logger.addHandler(capture);
        server = WebSocketServer.create(ServerConfig.builder().host("127.0.0.1").port(0).eventLoops(1)
                .readProgressTimeoutMillis(300).build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        logger.removeHandler(capture);
    }

    private List<String> linesAbout(String what) {
        synchronized (lines) {
            return lines.stream().filter(l -> l.startsWith(what)).toList();
        }
    }

    /** Events a line stands for: a detailed line is one, a summary says how many. */
    private static long eventsIn(String line) {
        Matcher m = IN_ALL.matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : 1;
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
        assertThat(refused.stream().mapToLong(OperatorLogTest::eventsIn).sum()).isEqualTo(1000);
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
