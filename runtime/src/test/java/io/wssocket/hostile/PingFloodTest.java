package io.wssocket.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every ping is answered, so a ping flood would be echoed: beyond max-pings-per-second the connection closes with 1008. */
class PingFloodTest {
    private static final int LIMIT = 5;

    @RegisterExtension
    static final RunningServer server = RunningServer.with(b -> b.maxPingsPerSecond(LIMIT),
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build()));

    @Test
    void pingsWithinTheLimitAreAnswered() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/echo")) {
            for (int i = 0; i < LIMIT; i++) {
                ws.sendFrame(true, RawWebSocket.PING, new byte[] {(byte) i});
                RawWebSocket.Frame pong = ws.readFrame();
                assertThat(pong.opcode()).isEqualTo(RawWebSocket.PONG);
                assertThat(pong.payload()).containsExactly((byte) i);
            }
        }
    }

    @Test
    void onePingMoreThanTheLimitInOneSecondClosesWithPolicyViolation() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/echo")) {
            for (int i = 0; i <= LIMIT; i++) {
                ws.sendFrame(true, RawWebSocket.PING, new byte[0]);
            }
            for (int i = 0; i < LIMIT; i++) {
                assertThat(ws.readFrame().opcode()).as("answer to ping %d", i).isEqualTo(RawWebSocket.PONG);
            }
            RawWebSocket.Close close = ws.readCloseFrame();
            assertThat(close.code()).isEqualTo(1008);
            assertThat(close.reason()).contains("max-pings-per-second");
            ws.awaitEof(Duration.ofSeconds(5));
        }
    }
}
