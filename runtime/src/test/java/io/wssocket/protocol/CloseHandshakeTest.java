package io.wssocket.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RFC 6455 §7: the close handshake started by either side, and what happens when the peer does not finish it. */
@Timeout(30)
class CloseHandshakeTest {
    static final BlockingQueue<CloseReason> serverSaw = new LinkedBlockingQueue<>();

    /** "close CODE REASON" makes the server close; anything else is echoed. */
    public static class ClosingEndpoint extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, message -> {
                try {
                    if (message.startsWith("idle ")) {
                        session.setMaxIdleTimeout(Long.parseLong(message.substring(5)));
                    } else if (message.startsWith("close ")) {
                        String[] parts = message.split(" ", 3);
                        session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(Integer.parseInt(parts[1])), parts[2]));
                    } else {
                        session.getBasicRemote().sendText(message);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            serverSaw.add(reason);
        }
    }

    @RegisterExtension
    static final RunningServer server = RunningServer.with(b -> b.closeTimeoutMillis(500),
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(ClosingEndpoint.class, "/close").build()));

    @BeforeEach
    void clear() {
        serverSaw.clear();
    }

    @Test
    void theClientClosesTheServerEchoesTheCodeAndEndsTheConnectionFirst() throws Exception {
        try (RawWebSocket client = RawWebSocket.open(server.port(), "/close")) {
            client.sendClose(4001, "client leaves");
            assertThat(client.readCloseFrame()).isEqualTo(new RawWebSocket.Close(4001, ""));
            client.awaitEof(Duration.ofSeconds(3)); // RFC 6455 §7.1.1: the server closes TCP first
            // A session of an earlier test may still report its own close (1000) after clear():
            // this session's is the one with this test's reason phrase.
            CloseReason reason = serverSaw.poll(5, TimeUnit.SECONDS);
            while (reason != null && !reason.getReasonPhrase().equals("client leaves")) {
                reason = serverSaw.poll(5, TimeUnit.SECONDS);
            }
            assertThat(reason).as("the server's onClose for this session").isNotNull();
            assertThat(reason.getCloseCode().getCode()).isEqualTo(4001);
        }
    }

    @Test
    void theServerClosesAndTheClientAnswers() throws Exception {
        try (RawWebSocket client = RawWebSocket.open(server.port(), "/close")) {
            client.sendText("close 3001 server leaves");
            assertThat(client.readCloseFrame()).isEqualTo(new RawWebSocket.Close(3001, "server leaves"));
            client.sendClose(3001, "");
            client.awaitEof(Duration.ofSeconds(3));
            CloseReason reason = serverSaw.poll(5, TimeUnit.SECONDS);
            assertThat(reason.getCloseCode().getCode()).isEqualTo(3001);
        }
    }

    @Test
    void aClientThatNeverAnswersTheCloseIsDroppedAfterTheCloseTimeout() throws Exception {
        try (RawWebSocket client = RawWebSocket.open(server.port(), "/close")) {
            client.sendText("close 1000 bye");
            assertThat(client.readCloseFrame().code()).isEqualTo(1000);
            long start = System.nanoTime();
            client.awaitDisconnect(Duration.ofSeconds(5)); // no answer from us
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(300L, 4000L);
            assertThat(serverSaw.poll(5, TimeUnit.SECONDS).getCloseCode().getCode()).isEqualTo(1000);
        }
    }

    @Test
    void anIdleTimeoutTellsThePeerGoingAwayAndTheEndpointAbnormalClosure() throws Exception {
        try (RawWebSocket client = RawWebSocket.open(server.port(), "/close")) {
            client.sendText("idle 200");
            RawWebSocket.Close close = client.readCloseFrame();
            assertThat(close.code()).isEqualTo(1001);
            assertThat(close.reason()).isEqualTo("idle timeout of 200 ms expired");
            client.sendClose(1001, "");
            client.awaitEof(Duration.ofSeconds(3));
            // Jakarta WebSocket runtimes report a timed-out session to its endpoint as 1006.
            assertThat(serverSaw.poll(5, TimeUnit.SECONDS).getCloseCode().getCode()).isEqualTo(1006);
        }
    }

    @Test
    void dataAfterTheClientsCloseIsIgnored() throws Exception {
        try (RawWebSocket client = RawWebSocket.open(server.port(), "/close")) {
            client.sendClose(1000, "");
            client.sendText("too late");
            assertThat(client.readCloseFrame().code()).isEqualTo(1000);
            client.awaitEof(Duration.ofSeconds(3)); // no echo of "too late" before the end
        }
    }

    @Test
    void aConnectionThatEndsWithoutACloseFrameReportsAbnormalClosure() throws Exception {
        RawWebSocket client = RawWebSocket.open(server.port(), "/close");
        client.sendText("hello");
        assertThat(client.readFrame().text()).isEqualTo("hello");
        client.close();
        CloseReason reason = serverSaw.poll(5, TimeUnit.SECONDS);
        assertThat(reason.getCloseCode().getCode()).isEqualTo(1006);
    }
}
