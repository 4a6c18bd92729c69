package io.wssocket.samples.programmatic;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A room member for tests: the same encoder and decoder as the server, and what it received. */
final class RoomClient extends Endpoint {
    final BlockingQueue<ChatMessage> received = new LinkedBlockingQueue<>();
    final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    Session session;

    static RoomClient connect(WebSocketContainer container, URI uri, List<String> subprotocols) throws Exception {
        RoomClient client = new RoomClient();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(subprotocols)
                .encoders(List.of(ChatMessageEncoder.class))
                .decoders(List.of(ChatMessageDecoder.class))
                .build();
        container.connectToServer(client, config, uri);
        return client;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        this.session = session;
        session.addMessageHandler(ChatMessage.class, (MessageHandler.Whole<ChatMessage>) received::add);
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        closed.complete(reason);
    }

    void say(String text) throws Exception {
        session.getBasicRemote().sendObject(new ChatMessage("anyone", text));
    }

    ChatMessage next() throws InterruptedException {
        ChatMessage message = received.poll(5, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message within 5 s");
        }
        return message;
    }

    void close() throws Exception {
        if (session != null && session.isOpen()) {
            session.close();
        }
    }
}
