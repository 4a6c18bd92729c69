package io.wssocket.hostile;

import static io.wssocket.hostile.LoopFailureTest.WITHIN;
import static io.wssocket.hostile.LoopFailureTest.echoes;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With a single event loop, a failed loop would be a dead server: it is replaced and the port serves again. */
@Timeout(60)
class SingleLoopFailureTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.with(b -> b.eventLoops(1).maxConnectionsPerAddress(0),
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build()));

    @Test
    void theOnlyLoopIsReplacedAndServesNewConnections() throws Exception {
        EventLoopGroup group = ServerInternals.eventLoops(server.server());
        EventLoop only = group.loops().get(0);
        try (RawWebSocket victim = RawWebSocket.open(server.port(), "/echo")) {
            assertThat(echoes(victim)).isTrue();

            LoopFaults.failNextTurn(only, new OutOfMemoryError("injected on the only loop"));

            victim.awaitDisconnect(WITHIN);
            await().atMost(WITHIN).until(() -> group.loops().get(0) != only && group.loops().get(0).isRunning());
            EchoCanary.assertFreshConnectionEchoes(server.port(), "/echo");
            await().atMost(WITHIN).until(() -> group.connectionCount() == 0);
        }
    }
}
