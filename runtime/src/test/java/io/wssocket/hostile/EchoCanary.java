package io.wssocket.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.JdkClient;
import io.wssocket.test.RawWebSocket;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A well-behaved echo connection held open while hostile clients do their worst on the same
 * server: if it stops echoing, one bad peer has hurt the others. It is the JDK's own WebSocket
 * client, a peer independent of both the server and {@link RawWebSocket}.
 */
final class EchoCanary implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 3;

    private final JdkClient client;

    private EchoCanary(JdkClient client) {
        this.client = client;
    }

    static EchoCanary open(URI uri) throws Exception {
        return new EchoCanary(JdkClient.connect(uri));
    }

    /** Sends {@code text} and asserts it comes back, and nothing else first. */
    void assertEchoes(String text) throws Exception {
        assertThat(client.closed).as("the canary connection ended").isNotDone();
        client.ws.sendText(text, true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Object reply = client.messages.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(reply).as("echo on the canary connection (%s)",
                client.closed.isDone() ? client.closed.handle((c, e) -> c != null ? c : e).join() : "still open")
                .isEqualTo(text);
    }

    /** A new connection to the echo endpoint handshakes, echoes a masked text and closes cleanly. */
    static void assertFreshConnectionEchoes(int port, String path) throws IOException {
        try (RawWebSocket fresh = RawWebSocket.open(port, path)) {
            fresh.sendText("fresh ✓");
            RawWebSocket.Frame echo = fresh.readFrame();
            assertThat(echo.opcode()).isEqualTo(RawWebSocket.TEXT);
            assertThat(echo.fin()).isTrue();
            assertThat(new String(echo.payload(), StandardCharsets.UTF_8)).isEqualTo("fresh ✓");
            fresh.sendClose(1000, "");
            assertThat(fresh.readCloseFrame().code()).isEqualTo(1000);
            fresh.awaitEof(RawWebSocket.READ_TIMEOUT);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
