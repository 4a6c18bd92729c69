package io.wssocket.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * read-progress-timeout: a peer that begins a frame or a fragmented message and stops sending
 * data holds the connection and its message state without finishing anything (slowloris). It is
 * failed with 1008 after the timeout instead of being held until the idle timeout; pings between
 * fragments are no progress; a slow sender that keeps sending is left alone.
 */
@Timeout(30)
class ReadProgressTest {
    private static final long TIMEOUT_MILLIS = 400;

    @RegisterExtension
    static final RunningServer server = RunningServer.with(b -> b.readProgressTimeoutMillis(TIMEOUT_MILLIS)
                    .pingIntervalMillis(0).readIdleTimeoutMillis(0),
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build()));

    private static void assertClosedForNoProgress(RawWebSocket ws, String inside) throws Exception {
        long start = System.nanoTime();
        RawWebSocket.Close close = ws.readCloseFrame();
        assertThat(close.code()).isEqualTo(1008);
        assertThat(close.reason()).isEqualTo("no data for " + TIMEOUT_MILLIS + " ms inside a " + inside
                + " (read-progress-timeout)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not before the timeout")
                .isGreaterThanOrEqualTo(Duration.ofMillis(TIMEOUT_MILLIS / 2));
        ws.awaitDisconnect(Duration.ofSeconds(10));
    }

    @Test
    void aPeerThatStopsInTheMiddleOfAFrameHeaderIsClosed() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/echo")) {
            byte[] frame = RawWebSocket.frame(true, 0, RawWebSocket.TEXT, "hello".getBytes(StandardCharsets.UTF_8), true);
            ws.sendRaw(Arrays.copyOf(frame, 1));
            assertClosedForNoProgress(ws, "frame");
        }
    }

    @Test
    void aPeerThatStopsInTheMiddleOfAPayloadIsClosed() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/echo")) {
            byte[] frame = RawWebSocket.frame(true, 0, RawWebSocket.BINARY, new byte[1000], true);
            ws.sendRaw(Arrays.copyOf(frame, 300));
            assertClosedForNoProgress(ws, "frame");
        }
    }

    @Test
    void aPeerThatStopsBetweenTheFragmentsOfAMessageIsClosedThoughItPings() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/echo")) {
            ws.sendFrame(false, RawWebSocket.TEXT, "first half".getBytes(StandardCharsets.UTF_8));
            long end = System.nanoTime() + Duration.ofMillis(TIMEOUT_MILLIS * 3).toNanos();
            RawWebSocket.Frame frame;
            // Pings keep coming (ten a second, within max-pings-per-second), each answered: they are
            // no progress with the message.
            do {
                Thread.sleep(100);
                ws.sendFrame(true, RawWebSocket.PING, new byte[] {1});
                frame = ws.readFrame();
            } while (frame.opcode() == RawWebSocket.PONG && System.nanoTime() - end < 0);
            assertThat(frame.opcode()).as("a close, before the pings ran out").isEqualTo(RawWebSocket.CLOSE);
            int code = (frame.payload()[0] & 0xFF) << 8 | frame.payload()[1] & 0xFF;
            assertThat(code).isEqualTo(1008);
            assertThat(new String(frame.payload(), 2, frame.payload().length - 2, StandardCharsets.UTF_8))
                    .isEqualTo("no data for " + TIMEOUT_MILLIS + " ms inside a message (read-progress-timeout)");
        }
    }

    @Test
    void aSlowSenderThatKeepsSendingIsLeftAlone() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/echo")) {
            byte[] frame = RawWebSocket.frame(true, 0, RawWebSocket.TEXT, "slow but steady".getBytes(StandardCharsets.UTF_8), true);
            // One byte every quarter of the timeout: the whole frame takes several timeouts.
            for (byte b : frame) {
                ws.sendRaw(new byte[] {b});
                Thread.sleep(TIMEOUT_MILLIS / 4);
            }
            assertThat(ws.readFrame().text()).isEqualTo("slow but steady");
        }
    }

    @Test
    void aPeerBetweenMessagesIsNotOwingAnything() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/echo")) {
            ws.sendText("one");
            assertThat(ws.readFrame().text()).isEqualTo("one");
            Thread.sleep(TIMEOUT_MILLIS * 3);
            ws.sendText("two");
            assertThat(ws.readFrame().text()).isEqualTo("two");
        }
    }
}
