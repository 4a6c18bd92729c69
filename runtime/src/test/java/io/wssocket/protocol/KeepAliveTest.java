package io.wssocket.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.JdkClient;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ping-interval sends pings while nothing else is written; read-idle-timeout closes a connection
 * from which nothing was read, however much is written to it: together they find vanished peers.
 */
@Timeout(30)
class KeepAliveTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.with(b -> b.pingIntervalMillis(100).readIdleTimeoutMillis(600),
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build()));

    @Test
    void aPeerThatNeverAnswersIsPingedThenClosedForReadIdleness() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/echo")) {
            int pings = 0;
            RawWebSocket.Frame frame;
            while ((frame = ws.readFrame()).opcode() == RawWebSocket.PING) {
                pings++; // and no pong: this peer has vanished as far as the server can tell
            }
            assertThat(pings).as("keep-alive pings before the close").isGreaterThanOrEqualTo(2);
            assertThat(frame.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(frame.payload()[0] << 8 | frame.payload()[1] & 0xFF).isEqualTo(1001);
            assertThat(new String(frame.payload(), 2, frame.payload().length - 2, java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("read idle timeout of 600 ms expired");
        }
    }

    @Test
    void aPeerThatAnswersPingsStaysConnected() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/echo"))) {
            Thread.sleep(1500); // more than twice the read-idle timeout, kept alive by the pongs alone
            client.send("still here");
            assertThat(client.next(5)).isEqualTo("still here");
        }
    }
}
