package io.wssocket.samples.ticker;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A ticker subscriber for tests: keeps the ticks it receives and how its session closed. */
final class TickClient extends Endpoint {
    private static final Pattern SEQ = Pattern.compile("^\\{\"seq\":(\\d+),");

    final BlockingQueue<String> ticks = new LinkedBlockingQueue<>();
    final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    Session session;

    static TickClient connect(WebSocketContainer container, URI uri) throws Exception {
        TickClient client = new TickClient();
        container.connectToServer(client, ClientEndpointConfig.Builder.create().build(), uri);
        return client;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        this.session = session;
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) ticks::add);
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        closed.complete(reason);
    }

    /** The next tick, or an AssertionError after {@code seconds}. */
    String next(long seconds) throws InterruptedException {
        String tick = ticks.poll(seconds, TimeUnit.SECONDS);
        if (tick == null) {
            throw new AssertionError("no tick within " + seconds + " s");
        }
        return tick;
    }

    static long sequence(String tick) {
        Matcher m = SEQ.matcher(tick);
        if (!m.find()) {
            throw new AssertionError("not a tick: " + tick);
        }
        return Long.parseLong(m.group(1));
    }

    void close() throws Exception {
        if (session != null && session.isOpen()) {
            session.close();
        }
    }
}
