package io.wssocket.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.JdkClient;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A well-behaved echo connection held open while hostile clients do their worst on the same
 * server: if it stops echoing, one bad peer has hurt the others. It is the JDK's own WebSocket
 * client, a peer independent of both the server and {@link RawWebSocket}. As a JUnit extension
 * it opens before the first test, and after each test (after its {@code @AfterEach} methods)
 * checks that it still echoes and that a fresh connection works too.
 */
final class EchoCanary implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    private static final long TIMEOUT_SECONDS = 3;

    private final RunningServer server;
    private final String path;
    private JdkClient client;

    private EchoCanary(RunningServer server, String path) {
        this.server = server;
        this.path = path;
    }

    /** A canary on {@code path} of the class's server. */
    static EchoCanary on(RunningServer server, String path) {
        return new EchoCanary(server, path);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (client == null) {
            client = JdkClient.connect(server.uri(path)); // the server is up by now
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        assertEchoes("still echoing after " + context.getDisplayName());
        assertFreshConnectionEchoes(server.port(), path);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (client != null) {
            client.close();
            client = null;
        }
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

}
