package io.wssocket.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.client.ClientConfig;
import io.wssocket.client.ContainerConfig;
import io.wssocket.server.ServerConfig;
import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Liveness is on by default: pings every 30 s keep NAT and balancer mappings and draw pongs, a
 * peer silent for 100 s (three pings unanswered) is gone, a stall inside a frame or message ends
 * after 20 s. Keep-alive pings are not messages: they do not keep an idle session open; the
 * peer's own pings and pongs are its heartbeat and do (the Jakarta WebSocket TCK expects it).
 */
@Timeout(30)
class KeepAliveDefaultsTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.with(b -> b.pingIntervalMillis(100).idleTimeoutMillis(800),
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build()));

    @Test
    void pingsReadIdleAndReadProgressAreOnByDefaultOnBothSides() {
        for (ContainerConfig config : new ContainerConfig[] {ServerConfig.defaults().build(), ClientConfig.defaults().build()}) {
            assertThat(config.pingIntervalMillis()).isEqualTo(30_000);
            assertThat(config.readIdleTimeoutMillis()).isEqualTo(100_000);
            assertThat(config.readIdleTimeoutMillis()).as("more than three ping intervals")
                    .isGreaterThan(3 * config.pingIntervalMillis());
            assertThat(config.readProgressTimeoutMillis()).isEqualTo(20_000);
            assertThat(config.maxFramesPerMessage()).isEqualTo(4096);
        }
    }

    @Test
    void keepAlivePingsDoNotKeepAnIdleSessionOpen() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/echo")) {
            int pings = 0;
            RawWebSocket.Frame frame;
            while ((frame = ws.readFrame()).opcode() == RawWebSocket.PING) {
                pings++;
                ws.sendFrame(true, RawWebSocket.PONG, frame.payload()); // a live peer, but no messages
            }
            assertThat(pings).as("pings before the idle close").isGreaterThanOrEqualTo(2);
            assertThat(frame.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(frame.payload()[0] << 8 | frame.payload()[1] & 0xFF).isEqualTo(1001);
            assertThat(new String(frame.payload(), 2, frame.payload().length - 2, StandardCharsets.UTF_8))
                    .isEqualTo("idle timeout of 800 ms expired");
        }
    }

    @Test
    void messagesKeepASessionOpenPastItsIdleTimeout() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/echo")) {
            for (int i = 0; i < 6; i++) {
                ws.sendText("m" + i);
                RawWebSocket.Frame frame;
                while ((frame = ws.readFrame()).opcode() == RawWebSocket.PING) {
                    ws.sendFrame(true, RawWebSocket.PONG, frame.payload());
                }
                assertThat(frame.text()).isEqualTo("m" + i);
                Thread.sleep(300);
            }
        }
    }

    @Test
    void thePeersOwnPingsAndPongsKeepASessionOpenPastItsIdleTimeout() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/echo")) {
            for (int i = 0; i < 6; i++) {
                ws.sendFrame(true, i % 2 == 0 ? RawWebSocket.PING : RawWebSocket.PONG, ("beat " + i).getBytes(StandardCharsets.UTF_8));
                Thread.sleep(300); // six beats, 1.8 s in all: more than twice the idle timeout
            }
            ws.sendText("still here");
            RawWebSocket.Frame frame;
            while ((frame = ws.readFrame()).opcode() == RawWebSocket.PING || frame.opcode() == RawWebSocket.PONG) {
                if (frame.opcode() == RawWebSocket.PING) {
                    ws.sendFrame(true, RawWebSocket.PONG, frame.payload());
                }
            }
            assertThat(frame.opcode()).as("no idle close while the peer beats").isEqualTo(RawWebSocket.TEXT);
            assertThat(frame.text()).isEqualTo("still here");
        }
    }
}
