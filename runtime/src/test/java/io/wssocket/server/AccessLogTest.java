package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.spi.ServerMetricsListener.Handshake;
import io.wssocket.spi.ServerMetricsListener.Initiator;
import io.wssocket.spi.ServerMetricsListener.SessionClosed;
import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RawWebSocket;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The access log writes one line per handshake outcome and per closed session, in the common or
 * the JSON-lines format; a full queue drops lines and counts them rather than make anyone wait;
 * what is queued when the server stops is written.
 */
class AccessLogTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("203.0.113.9", 50123);

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private AccessLog log(boolean json, long queueBytes) {
        return new AccessLog(json, queueBytes, AccessLog.consumer(lines::add));
    }

    @Test
    void aHandshakeIsOneCommonLine() {
        AccessLog log = log(false, 1 << 20);
        log.start();
        log.handshake(new Handshake(CLIENT, "/chat", 101, TimeUnit.MICROSECONDS.toNanos(2500), ""));
        log.handshake(new Handshake(CLIENT, null, 429, 1_000_000, "too many"));
        log.stop();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("203\\.0\\.113\\.9:50123 \\[\\d{4}-\\d\\d-\\d\\dT[^]]+Z] handshake /chat 101 2\\.500 - - - - -");
        assertThat(lines.get(1)).matches("203\\.0\\.113\\.9:50123 \\[[^]]+] handshake - 429 1\\.000 - - - - -");
    }

    @Test
    void aClosedSessionIsOneCommonLine() {
        AccessLog log = log(false, 1 << 20);
        log.start();
        log.sessionClosed(new SessionClosed(CLIENT, "/chat", 1000, Initiator.CLIENT, TimeUnit.SECONDS.toNanos(3), 120, 4500,
                4, 30));
        log.stop();
        assertThat(lines).singleElement().asString()
                .matches("203\\.0\\.113\\.9:50123 \\[[^]]+] session /chat 1000 3000\\.000 120 4500 4 30 CLIENT");
    }

    @Test
    void theJsonFormatIsOneObjectPerLine() {
        AccessLog log = log(true, 1 << 20);
        log.start();
        log.handshake(new Handshake(CLIENT, "/a \"quoted\" path", 403, 1_000_000, "origin"));
        log.sessionClosed(new SessionClosed(CLIENT, "/chat", 1006, Initiator.NONE, 2_000_000, 1, 2, 3, 4));
        log.stop();
        assertThat(lines.get(0)).matches("\\{\"time\":\"[^\"]+Z\",\"kind\":\"handshake\",\"remote\":\"203\\.0\\.113\\.9:50123\","
                + "\"path\":\"/a \\\\\"quoted\\\\\" path\",\"status\":403,\"durationMs\":1\\.000}");
        assertThat(lines.get(1)).contains("\"kind\":\"session\"", "\"closeCode\":1006", "\"durationMs\":2.000",
                "\"bytesIn\":1", "\"bytesOut\":2", "\"messagesIn\":3", "\"messagesOut\":4", "\"initiator\":\"NONE\"");
    }

    @Test
    void aFullQueueDropsLinesAndCountsThemWithoutWaiting() {
        AccessLog log = log(false, 1024); // the writer is not started: nothing leaves the queue
        for (int i = 0; i < 100; i++) {
            log.handshake(new Handshake(CLIENT, "/chat", 101, 1_000_000, ""));
        }
        long queued = 100 - log.dropped();
        assertThat(log.dropped()).isPositive();
        log.start();
        log.stop();
        assertThat(lines).hasSize((int) queued);
        // What fits in 1 KiB of heap was queued (a line counted as its characters twice plus 64), the rest dropped.
        long held = lines.stream().mapToLong(AccessLog::heapBytes).sum();
        long longest = lines.stream().mapToLong(AccessLog::heapBytes).max().orElseThrow();
        assertThat(held).isLessThanOrEqualTo(1024).isGreaterThan(1024 - 2 * longest); // lines differ a little in length
    }

    @Test
    void aServerWritesItsAccessLogToAFileAndFlushesItOnStop() throws Exception {
        Path file = Files.createDirectories(Path.of("target", "access-log")).resolve("access-" + System.nanoTime() + ".log");
        ServerConfig config = ServerConfig.defaults().host("127.0.0.1").port(0).eventLoops(1)
                .option("access-log", "file").option("access-log-file", file.toString()).build();
        WebSocketServer server = WebSocketServer.create(config);
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
        server.start();
        try {
            try (RawWebSocket ws = RawWebSocket.open(server.port(), "/echo")) {
                ws.sendText("hi");
                ws.readFrame();
                ws.sendClose(1000, "");
                ws.readCloseFrame();
            }
            try (RawWebSocket ws = RawWebSocket.connect(server.port())) {
                ws.sendRaw(RawWebSocket.upgradeRequest("/nowhere", RawWebSocket.newKey()).getBytes(StandardCharsets.US_ASCII));
                assertThat(ws.readHttpHead().status()).isEqualTo(404);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> server.connectionCount() == 0);
        } finally {
            server.close();
        }
        List<String> written = Files.readAllLines(file);
        assertThat(written).hasSize(3);
        assertThat(written).anySatisfy(l -> assertThat(l).startsWith("127.0.0.1:").contains("] handshake /echo 101 "));
        assertThat(written).anySatisfy(l -> assertThat(l).contains("] session /echo 1000 ").endsWith(" 1 1 CLIENT"));
        assertThat(written).anySatisfy(l -> assertThat(l).contains("] handshake /nowhere 404 "));
    }
}
