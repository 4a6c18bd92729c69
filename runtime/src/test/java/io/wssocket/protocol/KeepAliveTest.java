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
 * ping-interval sends pings while nothing else is written or nothing is read; read-idle-timeout
 * closes a connection from which nothing was read, however much is written to it: together they
 * find vanished peers, and keep a peer that only listens to a busy stream.
 */
@Timeout(30)
class KeepAliveTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.with(b -> b.pingIntervalMillis(100).readIdleTimeoutMillis(600),
            c -> {
                c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
                c.addEndpoint(ServerEndpointConfig.Builder.create(Stream.class, "/stream").build());
            });

    /** Sends a text every 20 ms from its open on, as a ticker does, until the session closes. */
    public static class Stream extends jakarta.websocket.Endpoint {
        @Override
        public void onOpen(jakarta.websocket.Session session, jakarta.websocket.EndpointConfig config) {
            Thread ticker = new Thread(() -> {
                try {
                    for (int i = 0; session.isOpen() && i < 500; i++) {
                        session.getBasicRemote().sendText("tick " + i);
                        Thread.sleep(20);
                    }
                } catch (Exception e) {
                    // the session closed under us: nothing more to send
                }
            }, "keepalive-test-ticker");
            ticker.setDaemon(true);
            ticker.start();
        }
    }

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

    @Test
    void aListenerOfABusyStreamIsPingedAndStaysConnectedByItsPongs() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/stream")) {
            int pings = 0;
            int ticks = 0;
            long until = System.nanoTime() + Duration.ofMillis(1500).toNanos(); // over twice the read-idle timeout
            while (System.nanoTime() < until) {
                RawWebSocket.Frame frame = ws.readFrame();
                if (frame.opcode() == RawWebSocket.PING) {
                    pings++;
                    ws.sendFrame(true, RawWebSocket.PONG, frame.payload()); // what every client does (RFC 6455 §5.5.3)
                } else {
                    assertThat(frame.opcode()).as("no close while it answers pings").isEqualTo(RawWebSocket.TEXT);
                    ticks++;
                }
            }
            assertThat(pings).as("pings although the server never stopped writing").isGreaterThanOrEqualTo(2);
            assertThat(ticks).isGreaterThan(10);
        }
    }
}
