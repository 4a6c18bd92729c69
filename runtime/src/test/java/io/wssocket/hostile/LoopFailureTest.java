package io.wssocket.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.server.ServerInternals;
import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import io.wssocket.transport.EventLoop;
import io.wssocket.transport.EventLoopGroup;
import io.wssocket.transport.LoopFaults;
import jakarta.websocket.server.ServerEndpointConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An error that escapes an event loop (here an OutOfMemoryError injected at the top of its turn)
 * costs that loop's connections, not the server: the loop is replaced in its slot, new connections
 * are served there, and the sessions of the other loops never notice.
 */
@Timeout(60)
class LoopFailureTest {
    static final Duration WITHIN = Duration.ofSeconds(10);

    @RegisterExtension
    static final RunningServer server = RunningServer.with(b -> b.eventLoops(2).maxConnectionsPerAddress(0),
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build()));

    @RegisterExtension
    static final EchoCanary canary = EchoCanary.on(server, "/echo");

    @Test
    void aFailedLoopIsReplacedAndOnlyItsConnectionsAreLost() throws Exception {
        EventLoopGroup group = ServerInternals.eventLoops(server.server());
        await().atMost(WITHIN).until(() -> group.connectionCount() == 1); // the canary
        int victimSlot = group.loops().get(0).connectionCount() == 0 ? 0 : 1;
        EventLoop victimLoop = group.loops().get(victimSlot);
        List<RawWebSocket> open = new ArrayList<>();
        try {
            // Round robin: two connections put at least one on each loop.
            open.add(RawWebSocket.open(server.port(), "/echo"));
            open.add(RawWebSocket.open(server.port(), "/echo"));
            await().atMost(WITHIN).until(() -> victimLoop.connectionCount() >= 1);
            int onVictim = victimLoop.connectionCount();

            LoopFaults.failNextTurn(victimLoop, new OutOfMemoryError("injected on " + victimSlot));

            await().atMost(WITHIN).until(() -> group.loops().get(victimSlot) != victimLoop
                    && group.loops().get(victimSlot).isRunning());
            assertThat(victimLoop.isRunning()).isFalse();
            int dropped = 0;
            for (RawWebSocket ws : open) {
                if (!echoes(ws)) {
                    dropped++;
                }
            }
            assertThat(dropped).as("connections dropped with the failed loop").isEqualTo(onVictim);
            for (int i = 0; i < 2 * group.loops().size(); i++) {
                assertThat(group.next().isRunning()).as("next() hands out a live loop").isTrue();
            }
            // Fresh connections go to both slots, the new loop's included.
            for (int i = 0; i < 4; i++) {
                EchoCanary.assertFreshConnectionEchoes(server.port(), "/echo");
            }
            canary.assertEchoes("after the loop failed");
        } finally {
            for (RawWebSocket ws : open) {
                ws.close();
            }
        }
    }

    /** Whether {@code ws} still echoes; false when the server dropped it. */
    static boolean echoes(RawWebSocket ws) {
        try {
            ws.sendText("still there?");
            return "still there?".equals(ws.readFrame().text());
        } catch (Exception | AssertionError e) {
            return false;
        }
    }
}
