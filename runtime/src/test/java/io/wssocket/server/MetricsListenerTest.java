package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.spi.ServerMetricsListener.Handshake;
import io.wssocket.spi.ServerMetricsListener.Initiator;
import io.wssocket.spi.ServerMetricsListener.LimitHit;
import io.wssocket.spi.ServerMetricsListener.SessionClosed;
import io.wssocket.spi.ServerMetricsListener.SessionOpened;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A metrics listener set on the embedding API hears every handshake outcome, each session from
 * open to close with what it carried, and the limits that close sessions; the address it is told
 * is the client's, the one a trusted proxy named.
 */
class MetricsListenerTest {
    private static final RecordingMetricsListener LISTENER = new RecordingMetricsListener();

    @RegisterExtension
    static final RunningServer SERVER = RunningServer.with(b -> b.metricsListener(LISTENER)
            .option("max-message-size", "200")
            .option("trusted-proxies", "127.0.0.1")
            .option("forwarded-headers", "x-forwarded-for"), TelemetryEndpoints::deploy);

    @BeforeEach
    void forgetEarlierEvents() {
        LISTENER.events.clear();
    }

    @Test
    void aSessionIsToldFromItsHandshakeToItsCloseWithTheClientsAddress() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(SERVER.port())) {
            String key = RawWebSocket.newKey();
            ws.sendRaw(RawWebSocket.upgradeRequest("/echo", key)
                    .replace("\r\n\r\n", "\r\nX-Forwarded-For: 203.0.113.9\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(ws.readHttpHead().status()).isEqualTo(101);
            ws.sendText("hello");
            ws.sendText("world!");
            assertThat(ws.readFrame().text()).isEqualTo("hello");
            assertThat(ws.readFrame().text()).isEqualTo("world!");
            ws.sendClose(1000, "");
            assertThat(ws.readCloseFrame().code()).isEqualTo(1000);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !LISTENER.of(SessionClosed.class).isEmpty());

        Handshake handshake = LISTENER.of(Handshake.class).get(0);
        assertThat(handshake.status()).isEqualTo(101);
        assertThat(handshake.path()).isEqualTo("/echo");
        assertThat(handshake.remoteAddress().getAddress().getHostAddress()).isEqualTo("203.0.113.9");
        assertThat(handshake.durationNanos()).isPositive();
        assertThat(LISTENER.of(SessionOpened.class)).singleElement()
                .satisfies(o -> assertThat(o.path()).isEqualTo("/echo"));

        SessionClosed closed = LISTENER.of(SessionClosed.class).get(0);
        assertThat(closed.path()).isEqualTo("/echo");
        assertThat(closed.remoteAddress().getAddress().getHostAddress()).isEqualTo("203.0.113.9");
        assertThat(closed.closeCode()).isEqualTo(1000);
        assertThat(closed.initiator()).isEqualTo(Initiator.CLIENT);
        assertThat(closed.messagesIn()).isEqualTo(2);
        assertThat(closed.messagesOut()).isEqualTo(2);
        // Masked text frames of 5 and 6 bytes (2 + 4 + payload each) and a masked close with its code (2 + 4 + 2).
        assertThat(closed.bytesIn()).isEqualTo(11 + 12 + 8);
        // The echoes, unmasked (2 + payload each); the close frame's answer is not a message's.
        assertThat(closed.bytesOut()).isEqualTo(7 + 8);
        assertThat(closed.durationNanos()).isPositive();
    }

    @Test
    void aRefusedHandshakeIsToldWithItsStatusAndPath() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(SERVER.port())) {
            ws.sendRaw(RawWebSocket.upgradeRequest("/nowhere", RawWebSocket.newKey()).getBytes(StandardCharsets.US_ASCII));
            assertThat(ws.readHttpHead().status()).isEqualTo(404);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !LISTENER.of(Handshake.class).isEmpty());
        Handshake refused = LISTENER.of(Handshake.class).get(0);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.path()).isEqualTo("/nowhere");
        assertThat(refused.reason()).contains("/nowhere");
        assertThat(LISTENER.of(SessionOpened.class)).isEmpty();
    }

    @Test
    void aLimitThatClosesASessionIsToldByItsOptionsName() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(SERVER.port(), "/echo")) {
            ws.sendText("x".repeat(300));
            assertThat(ws.readCloseFrame().code()).isEqualTo(1009);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !LISTENER.of(SessionClosed.class).isEmpty());
        assertThat(LISTENER.of(LimitHit.class)).singleElement().satisfies(hit -> {
            assertThat(hit.limit()).isEqualTo("max-message-size");
            assertThat(hit.code()).isEqualTo(1009);
            assertThat(hit.path()).isEqualTo("/echo");
        });
        SessionClosed closed = LISTENER.of(SessionClosed.class).get(0);
        assertThat(closed.closeCode()).isEqualTo(1009);
        assertThat(closed.initiator()).isEqualTo(Initiator.SERVER);
        assertThat(closed.messagesIn()).isZero();
    }

    @Test
    void aListenerAModuleProvidesIsFoundWithTheServiceLoader() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(SERVER.port())) {
            ws.sendRaw(RawWebSocket.upgradeRequest("/service-loaded", RawWebSocket.newKey())
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(ws.readHttpHead().status()).isEqualTo(404);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ServiceLoadedMetricsListener.PATHS.contains("/service-loaded"));
    }
}
