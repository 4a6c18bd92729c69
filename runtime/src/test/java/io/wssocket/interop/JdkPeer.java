package io.wssocket.interop;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A {@code java.net.http.WebSocket} connection. The JDK calls the listener one event at a time,
 * delivering a message in as many pieces as it likes; this gathers them.
 */
final class JdkPeer implements InteropPeer, WebSocket.Listener {
    private final PeerEvents events = new PeerEvents();
    private WebSocket webSocket;

    // Listener calls only (the JDK never overlaps them).
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private int parts;

    private JdkPeer() {
    }

    static JdkPeer connect(HttpClient http, URI uri) throws Exception {
        JdkPeer peer = new JdkPeer();
        peer.webSocket = http.newWebSocketBuilder().buildAsync(uri, peer).get(10, TimeUnit.SECONDS);
        return peer;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        parts++;
        if (last) {
            events.messages.add(new ReceivedMessage(MessageType.TEXT, text.toString().getBytes(StandardCharsets.UTF_8), parts));
            text.setLength(0);
            parts = 0;
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        binary.writeBytes(InteropPayloads.toArray(data));
        parts++;
        if (last) {
            events.messages.add(new ReceivedMessage(MessageType.BINARY, binary.toByteArray(), parts));
            binary.reset();
            parts = 0;
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        // The JDK answers with a pong by itself once this returns.
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        events.pongs.add(InteropPayloads.toArray(message));
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        events.closed.complete(new CloseStatus(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        events.error(error);
        events.closed.completeExceptionally(error);
    }

    @Override
    public void sendText(String part, boolean last) throws Exception {
        await(webSocket.sendText(part, last));
    }

    @Override
    public void sendBinary(ByteBuffer part, boolean last) throws Exception {
        await(webSocket.sendBinary(part, last));
    }

    @Override
    public void sendPing(ByteBuffer payload) throws Exception {
        await(webSocket.sendPing(payload));
    }

    @Override
    public void sendClose(int code, String reason) throws Exception {
        await(webSocket.sendClose(code, reason));
    }

    private static void await(CompletableFuture<WebSocket> send) throws Exception {
        send.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public PeerEvents events() {
        return events;
    }

    @Override
    public void close() {
        try {
            if (!webSocket.isOutputClosed()) {
                webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
            }
            events.closed.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // The test has its verdict already; only the socket is left to release.
        } finally {
            webSocket.abort();
        }
    }
}
