package io.wssocket.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A message split into thousands of empty continuation frames costs the server a frame's work
 * each and no bytes; max-frames-per-message (default 4096) ends it with 1009 naming the limit.
 */
@Timeout(30)
class FramesPerMessageTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.withEndpoints(
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build()));

    @RegisterExtension
    static final RunningServer strict = RunningServer.with(b -> b.maxFramesPerMessage(3),
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build()));

    private static byte[] messageOf(int frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(RawWebSocket.frame(false, 0, RawWebSocket.TEXT, "x".getBytes(StandardCharsets.UTF_8), true));
        for (int i = 1; i < frames; i++) {
            out.writeBytes(RawWebSocket.frame(i == frames - 1, 0, RawWebSocket.CONTINUATION, new byte[0], true));
        }
        return out.toByteArray();
    }

    @Test
    void fiveThousandEmptyContinuationsAreRefusedWith1009() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/echo")) {
            ws.sendRaw(messageOf(5000));
            RawWebSocket.Close close = ws.readCloseFrame();
            assertThat(close.code()).isEqualTo(1009);
            assertThat(close.reason()).isEqualTo("message of more than 4096 frames exceeds max-frames-per-message");
            ws.awaitDisconnect(Duration.ofSeconds(10));
        }
    }

    @Test
    void aMessageOfAsManyFramesAsTheLimitIsDelivered() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(server.port(), "/echo")) {
            ws.sendRaw(messageOf(4096));
            assertThat(ws.readFrame().text()).isEqualTo("x");
        }
    }

    @Test
    void theLimitIsAnOption() throws Exception {
        try (RawWebSocket ws = RawWebSocket.open(strict.port(), "/echo")) {
            ws.sendRaw(messageOf(3));
            assertThat(ws.readFrame().text()).isEqualTo("x");
            ws.sendRaw(messageOf(4));
            assertThat(ws.readCloseFrame().code()).isEqualTo(1009);
        }
    }
}
