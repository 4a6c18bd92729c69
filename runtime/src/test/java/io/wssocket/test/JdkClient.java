package io.wssocket.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The JDK's WebSocket client with whole messages collected in a queue, for tests. */
public final class JdkClient implements AutoCloseable {
    /** A close frame the client received. */
    public record Close(int code, String reason) {
    }

    public final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    public final CompletableFuture<Close> closed = new CompletableFuture<>();
    public final WebSocket ws;

    private JdkClient(URI uri) throws Exception {
        this.ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();
            private ByteBuffer binary = ByteBuffer.allocate(0);

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
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                ByteBuffer joined = ByteBuffer.allocate(binary.remaining() + data.remaining()).put(binary).put(data).flip();
                binary = joined;
                if (last) {
                    byte[] bytes = new byte[binary.remaining()];
                    binary.get(bytes);
                    messages.add(bytes);
                    binary = ByteBuffer.allocate(0);
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

    public static JdkClient connect(URI uri) throws Exception {
        return new JdkClient(uri);
    }

    /** The HTTP status the server answers an opening handshake for {@code uri} with: 101 when it upgrades. */
    public static int handshakeStatus(URI uri) throws Exception {
        try {
            connect(uri).close();
            return 101;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    /** Sends a text message and returns the next message, the answer. */
    public Object ask(String text) throws Exception {
        send(text);
        return next(5);
    }

    public void send(String text) throws Exception {
        ws.sendText(text, true).get(5, TimeUnit.SECONDS);
    }

    /** The next whole message, or an AssertionError after the timeout. */
    public Object next(long seconds) throws InterruptedException {
        Object message = messages.poll(seconds, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + seconds + " s");
        }
        return message;
    }

    /**
     * The next text message holding every one of {@code parts}, each within {@code seconds}; the
     * messages before it are passed over (and named in the AssertionError when none comes).
     */
    public String nextHolding(long seconds, String... parts) throws InterruptedException {
        List<Object> passed = new ArrayList<>();
        while (true) {
            Object message = messages.poll(seconds, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("no message holding " + List.of(parts) + " within " + seconds
                        + " s; passed over " + passed);
            }
            if (message instanceof String text && Arrays.stream(parts).allMatch(text::contains)) {
                return text;
            }
            passed.add(message);
        }
    }

    @Override
    public void close() {
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
        ws.abort();
    }
}
