package io.wssocket.hostile;

import io.wssocket.test.RawWebSocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A well-behaved echo connection held open while hostile clients do their worst on the same
 * server: if it stops echoing, one bad peer has hurt the others. It is the JDK's own WebSocket
 * client, a peer independent of both the server and {@link RawWebSocket}.
 */
final class EchoCanary implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 3;

    private final WebSocket ws;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> ended = new CompletableFuture<>();

    private EchoCanary(URI uri) throws Exception {
        this.ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            replies.add(text.toString());
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        ended.complete("closed by the server with " + statusCode + " " + reason);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        ended.complete("failed: " + error);
                    }
                })
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    static EchoCanary open(URI uri) throws Exception {
        return new EchoCanary(uri);
    }

    /** Sends {@code text} and asserts it comes back, and nothing else first. */
    void assertEchoes(String text) throws Exception {
        assertThat(ended).as("the canary connection ended").isNotDone();
        ws.sendText(text, true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        String reply = replies.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(reply).as("echo on the canary connection (%s)", ended.getNow("still open")).isEqualTo(text);
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
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .exceptionally(e -> null).join();
        ws.abort();
    }
}
