package io.wssocket.arquillian;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The JDK's WebSocket client with whole text messages collected in a queue, for tests. */
final class JdkWebSocketClient implements AutoCloseable {
    /** A close frame the client received. */
    record Close(int code, String reason) {
    }

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final WebSocket ws;

    private JdkWebSocketClient(URI uri) throws Exception {
        this.ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    messages.add(text.toString());
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(new Close(statusCode, reason));
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.completeExceptionally(error);
            }
        }).get(5, TimeUnit.SECONDS);
    }

    static JdkWebSocketClient connect(URI uri) throws Exception {
        return new JdkWebSocketClient(uri);
    }

    /** The HTTP status the server answers an opening handshake for {@code uri} with: 101 when it upgrades. */
    static int handshakeStatus(URI uri) throws Exception {
        try {
            connect(uri).close();
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    /** Sends a text message and waits for the answer. */
    String ask(String text) throws Exception {
        ws.sendText(text, true).get(5, TimeUnit.SECONDS);
        String answer = messages.poll(5, TimeUnit.SECONDS);
        if (answer == null) {
            throw new AssertionError("no answer to '" + text + "' within 5 s");
        }
        return answer;
    }

    @Override
    public void close() {
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
        ws.abort();
    }
}
