package io.wssocket.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wssocket.server.ServerInternals;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each meter of {@link WsSocketMetrics} is provoked by real clients of a real server and read back
 * from the registry: sessions, handshakes, messages and bytes, closes, limits, slow sends, loop
 * stalls and the server's live gauges; and hostile input does not grow the tags.
 */
class WsSocketMetricsTest {
    private static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final RunningServer SERVER = RunningServer.with(b -> b.metricsListener(WsSocketMetrics.bindTo(REGISTRY))
            .option("max-message-size", "200")
            .option("slow-send-threshold", "100")
            .option("loop-stall-threshold", "50"), MetricsEndpoints::deploy);

    @Test
    void aSessionIsCountedFromItsHandshakeToItsClose() throws Exception {
        double handshakesBefore = count(handshakes("/echo", "accepted", "101"));
        double messagesInBefore = counter("wssocket.messages", "path", "/echo", "direction", "in");
        double messagesOutBefore = counter("wssocket.messages", "path", "/echo", "direction", "out");
        double bytesInBefore = counter("wssocket.bytes", "path", "/echo", "direction", "in");
        double bytesOutBefore = counter("wssocket.bytes", "path", "/echo", "direction", "out");
        double closedBefore = counter("wssocket.sessions.closed", "path", "/echo", "code", "1000", "initiator", "client");
        try (RawWebSocket ws = RawWebSocket.open(SERVER.port(), "/echo")) {
            await().atMost(WAIT).until(() -> gauge("wssocket.sessions.open", "path", "/echo") == 1);
            assertThat(count(handshakes("/echo", "accepted", "101"))).isEqualTo(handshakesBefore + 1);
            assertThat(handshakes("/echo", "accepted", "101").totalTime(TimeUnit.NANOSECONDS)).isPositive();
            ws.sendText("hello");
            ws.sendText("world!");
            assertThat(ws.readFrame().text()).isEqualTo("hello");
            assertThat(ws.readFrame().text()).isEqualTo("world!");
            // counted as they flow: the session is still open
            assertThat(counter("wssocket.messages", "path", "/echo", "direction", "in")).isEqualTo(messagesInBefore + 2);
            assertThat(counter("wssocket.messages", "path", "/echo", "direction", "out")).isEqualTo(messagesOutBefore + 2);
            assertThat(counter("wssocket.bytes", "path", "/echo", "direction", "out")).isEqualTo(bytesOutBefore + 7 + 8);
            ws.sendClose(1000, "");
            assertThat(ws.readCloseFrame().code()).isEqualTo(1000);
        }
        await().atMost(WAIT).until(() -> counter("wssocket.sessions.closed", "path", "/echo", "code", "1000",
                "initiator", "client") == closedBefore + 1);
        assertThat(gauge("wssocket.sessions.open", "path", "/echo")).isZero();
        assertThat(counter("wssocket.messages", "path", "/echo", "direction", "in")).isEqualTo(messagesInBefore + 2);
        assertThat(counter("wssocket.messages", "path", "/echo", "direction", "out")).isEqualTo(messagesOutBefore + 2);
        // Masked text frames of 5 and 6 bytes (2 + 4 + payload each) and a masked close with its code (2 + 4 + 2).
        assertThat(counter("wssocket.bytes", "path", "/echo", "direction", "in")).isEqualTo(bytesInBefore + 11 + 12 + 8);
        // The echoes, unmasked (2 + payload each); the close frame's answer is not a message's.
        assertThat(counter("wssocket.bytes", "path", "/echo", "direction", "out")).isEqualTo(bytesOutBefore + 7 + 8);
        assertThat(REGISTRY.get("wssocket.sessions.duration").tag("path", "/echo").timer().count()).isPositive();
    }

    @Test
    void aSessionOfATemplatedEndpointIsTaggedWithItsTemplate() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(SERVER.port(), "/rooms/kitchen")) {
            await().atMost(WAIT).until(() -> gauge("wssocket.sessions.open", "path", "/rooms/{room}") == 1);
            ws.sendClose(1000, "");
            ws.readCloseFrame();
        }
        await().atMost(WAIT).until(() -> gauge("wssocket.sessions.open", "path", "/rooms/{room}") == 0);
        assertThat(pathTags()).doesNotContain("/rooms/kitchen");
    }

    @Test
    void aRefusedHandshakeIsCountedByStatusWithItsPathCollapsed() throws Exception {
        double before = count(handshakes(WsSocketMetrics.UNMATCHED, "refused", "404"));
        try (RawWebSocket ws = RawWebSocket.connect(SERVER.port())) {
            ws.sendRaw(RawWebSocket.upgradeRequest("/nowhere", RawWebSocket.newKey()).getBytes(StandardCharsets.US_ASCII));
            assertThat(ws.readHttpHead().status()).isEqualTo(404);
        }
        await().atMost(WAIT).until(() -> count(handshakes(WsSocketMetrics.UNMATCHED, "refused", "404")) == before + 1);
        assertThat(pathTags()).doesNotContain("/nowhere");
    }

    @Test
    void aLimitThatClosesASessionIsCountedByItsOptionAndItsCloseCode() throws Exception {
        double hitsBefore = counter("wssocket.limits.hit", "limit", "max-message-size", "path", "/echo");
        double closedBefore = counter("wssocket.sessions.closed", "path", "/echo", "code", "1009", "initiator", "server");
        try (RawWebSocket ws = RawWebSocket.open(SERVER.port(), "/echo")) {
            ws.sendText("x".repeat(300));
            assertThat(ws.readCloseFrame().code()).isEqualTo(1009);
        }
        await().atMost(WAIT).until(() -> counter("wssocket.sessions.closed", "path", "/echo", "code", "1009",
                "initiator", "server") == closedBefore + 1);
        assertThat(counter("wssocket.limits.hit", "limit", "max-message-size", "path", "/echo")).isEqualTo(hitsBefore + 1);
    }

    @Test
    void aSendThatWaitsForAPeerThatDoesNotReadIsTimedAndItsBytesAreQueued() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connectWithReceiveBuffer(SERVER.port(), 4096)) {
            ws.handshake("/big");
            ws.sendText("go");
            // Not reading: the server's blocking send of 8 MiB waits past slow-send-threshold, its bytes queued.
            await().atMost(WAIT).until(() -> gauge("wssocket.outbound.queued") > 0);
            TimeUnit.MILLISECONDS.sleep(300);
            assertThat(ws.readFrame().payload()).hasSize(MetricsEndpoints.BIG);
        }
        await().atMost(WAIT).until(() -> REGISTRY.find("wssocket.sends.slow").tag("path", "/big").timer() != null
                && REGISTRY.get("wssocket.sends.slow").tag("path", "/big").timer().count() >= 1);
        Timer slow = REGISTRY.get("wssocket.sends.slow").tag("path", "/big").timer();
        assertThat(slow.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(100);
        await().atMost(WAIT).until(() -> gauge("wssocket.outbound.queued") == 0);
    }

    @Test
    void aLoopTurnLongerThanTheThresholdIsTimed() {
        Timer stalls = REGISTRY.get("wssocket.eventloop.stalls").timer();
        long before = stalls.count();
        ServerInternals.stallALoop(SERVER.server(), 120);
        await().atMost(WAIT).until(() -> stalls.count() > before);
        assertThat(stalls.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(120);
        // The stalled turn was busy time, and the loops' busy time is counted.
        assertThat(REGISTRY.get("wssocket.eventloop.busy").functionCounter().count()).isGreaterThanOrEqualTo(0.12);
    }

    @Test
    void theServersLiveValuesAreGauges() throws Exception {
        assertThat(gauge("wssocket.eventloops")).isEqualTo(2);
        assertThat(gauge("wssocket.outbound.max")).isEqualTo(SERVER.server().config().maxOutboundBytes());
        assertThat(gauge("wssocket.handshakes.queued")).isZero();
        assertThat(REGISTRY.find("wssocket.tls.handshakes").meters()).as("no TLS, no TLS meters").isEmpty();
        double connections = gauge("wssocket.connections.open");
        try (RawWebSocket one = RawWebSocket.open(SERVER.port(), "/echo");
             RawWebSocket two = RawWebSocket.open(SERVER.port(), "/echo")) {
            await().atMost(WAIT).until(() -> gauge("wssocket.connections.open") == connections + 2);
            one.sendText("ping");
            assertThat(one.readFrame().text()).isEqualTo("ping");
            // The echo ran on the callback pool (platform threads here, or virtual threads: then no pool gauges).
            if (REGISTRY.find("wssocket.callbacks.threads").gauge() != null) {
                assertThat(gauge("wssocket.callbacks.threads")).isPositive();
                assertThat(gauge("wssocket.callbacks.queued")).isZero();
                assertThat(gauge("wssocket.callbacks.active")).isGreaterThanOrEqualTo(0);
            }
        }
        await().atMost(WAIT).until(() -> gauge("wssocket.connections.open") == connections);
    }

    @Test
    void hostilePathsAndCloseCodesDoNotGrowTheTags() throws Exception {
        List<RawWebSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 150; i++) {
                RawWebSocket ws = RawWebSocket.connect(SERVER.port());
                sockets.add(ws);
                // A scan of paths no endpoint has, and requests for a template's paths refused for a missing key.
                String request = i % 2 == 0
                        ? RawWebSocket.upgradeRequest("/scan/" + i, RawWebSocket.newKey())
                        : RawWebSocket.upgradeRequest("/rooms/r" + i, RawWebSocket.newKey())
                                .replaceFirst("Sec-WebSocket-Key: [^\r]*\r\n", "");
                ws.sendRaw(request.getBytes(StandardCharsets.US_ASCII));
                assertThat(ws.readHttpHead().status()).isIn(404, 400);
                ws.close();
            }
            for (int code = 4000; code < 4100; code++) {
                RawWebSocket ws = RawWebSocket.open(SERVER.port(), "/echo");
                sockets.add(ws);
                ws.sendClose(code, "");
                ws.readCloseFrame();
                ws.close();
            }
        } finally {
            RawWebSocket.closeAll(sockets);
        }
        await().atMost(WAIT).until(() -> counter("wssocket.sessions.closed", "path", "/echo", "code", "4xxx",
                "initiator", "client") == 100);
        await().atMost(WAIT).until(() -> count(handshakes("/rooms/{room}", "refused", "400")) == 75);
        assertThat(count(handshakes(WsSocketMetrics.UNMATCHED, "refused", "404"))).isGreaterThanOrEqualTo(75);
        assertThat(pathTags()).allSatisfy(path -> assertThat(path).isIn("/echo", "/rooms/{room}", "/big",
                WsSocketMetrics.UNMATCHED, WsSocketMetrics.NONE));
        assertThat(REGISTRY.find("wssocket.sessions.closed").counters()).extracting(c -> c.getId().getTag("code"))
                .allSatisfy(code -> assertThat(code).doesNotStartWith("40"));
        assertThat(REGISTRY.getMeters()).as("series in all").hasSizeLessThan(200);
    }

    @Test
    void aTagTakesABoundedNumberOfValues() {
        TagValues values = new TagValues(3);
        assertThat(List.of("a", "b", "c", "d", "a", "e").stream().map(values::of).collect(Collectors.toList()))
                .containsExactly("a", "b", "c", TagValues.OTHER, "a", TagValues.OTHER);
    }

    // ------------------------------------------------------------------ reading the registry

    private static Timer handshakes(String path, String outcome, String status) {
        return REGISTRY.find("wssocket.handshakes").tag("path", path).tag("outcome", outcome).tag("status", status).timer();
    }

    private static double count(Timer timer) {
        return timer == null ? 0 : timer.count();
    }

    /** A counter's count, whether counted by events or read from the server's totals (a function counter). */
    private static double counter(String name, String... tags) {
        Counter counter = REGISTRY.find(name).tags(tags).counter();
        if (counter != null) {
            return counter.count();
        }
        FunctionCounter read = REGISTRY.find(name).tags(tags).functionCounter();
        return read == null ? 0 : read.count();
    }

    private static double gauge(String name, String... tags) {
        Gauge gauge = REGISTRY.find(name).tags(tags).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    private static List<String> pathTags() {
        return REGISTRY.getMeters().stream().map(Meter::getId).map(id -> id.getTag("path"))
                .filter(p -> p != null).distinct().collect(Collectors.toList());
    }
}
