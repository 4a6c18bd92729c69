package io.wssocket.interop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A {@code java.net.http.WebSocket} connection. The JDK calls the listener one event at a time,
 * delivering a message in as many pieces as it likes; this gathers them.
 */
final class JdkPeer implements InteropPeer, WebSocket.Listener {
    private final PeerEvents events = new PeerEvents();
    private final MessageAssembler pieces = new MessageAssembler(events.messages);
    private WebSocket webSocket;

    private JdkPeer() {
    }

    static JdkPeer connect(HttpClient http, URI uri, List<String> subprotocols) throws Exception {
        JdkPeer peer = new JdkPeer();
        WebSocket.Builder builder = http.newWebSocketBuilder();
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        peer.webSocket = builder.buildAsync(uri, peer).get(10, TimeUnit.SECONDS);
        return peer;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        pieces.text(data, last);
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        pieces.binary(data, last);
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
    public String subprotocol() {
        return webSocket.getSubprotocol();
    }

    /** {@code java.net.http.WebSocket} tells nothing of its transport, not even the URI it was opened with. */
    @Override
    public Optional<Boolean> secure() {
        return Optional.empty();
    }

    /** {@code java.net.http.WebSocket} neither offers extensions nor has anything that would name one. */
    @Override
    public Optional<String> extensions() {
        return Optional.empty();
    }

    @Override
    public PeerEvents events() {
        return events;
    }

    @Override
    public void closeNormally() throws Exception {
        if (!webSocket.isOutputClosed()) {
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void release() {
        webSocket.abort();
    }
}
