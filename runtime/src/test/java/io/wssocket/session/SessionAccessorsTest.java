package io.wssocket.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.JdkClient;
import io.wssocket.test.RunningServer;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a server session tells its endpoint about the connection (Jakarta WebSocket 2.2 Session). */
@Timeout(30)
class SessionAccessorsTest {

    static final BlockingQueue<Session> OPENED = new LinkedBlockingQueue<>();
    static final BlockingQueue<String> CLOSED = new LinkedBlockingQueue<>();

    /** Hands its session to the test, changes its own user properties, and echoes text. */
    public static class Room extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            Map<String, Object> properties = session.getUserProperties();
            properties.put("visitor at open", String.valueOf(properties.put("visitor", session.getId())));
            session.addMessageHandler(String.class, text -> session.getAsyncRemote().sendText(text));
            OPENED.add(session);
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            CLOSED.add("isOpen " + session.isOpen());
        }
    }

    /** A second endpoint, whose sessions are not the first one's. */
    public static class Lobby extends Room {
    }

    @RegisterExtension
    static final RunningServer server = RunningServer.withEndpoints(c -> {
        ServerEndpointConfig rooms = ServerEndpointConfig.Builder.create(Room.class, "/rooms/{room}").build();
        rooms.getUserProperties().put("visitor", "nobody yet");
        rooms.getUserProperties().put("motto", "be kind");
        c.addEndpoint(rooms);
        c.addEndpoint(ServerEndpointConfig.Builder.create(Lobby.class, "/lobby").build());
    });

    @BeforeEach
    void forgetEarlierSessions() {
        OPENED.clear();
        CLOSED.clear();
    }

    private static Session opened() throws InterruptedException {
        Session session = OPENED.poll(5, TimeUnit.SECONDS);
        assertThat(session).as("a session opened within 5 s").isNotNull();
        return session;
    }

    @Test
    void theRequestIsDescribedByUriQueryParametersAndPathParameters() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/rooms/blue?a=1&a=2&b=x"))) {
            Session session = opened();
            URI uri = session.getRequestURI();
            assertThat(uri.getPath()).isEqualTo("/rooms/blue");
            assertThat(uri.getQuery()).isEqualTo("a=1&a=2&b=x");
            assertThat(session.getQueryString()).isEqualTo("a=1&a=2&b=x");
            Map<String, List<String>> parameters = session.getRequestParameterMap();
            assertThat(parameters).containsEntry("a", List.of("1", "2")).containsEntry("b", List.of("x"));
            assertThat(session.getPathParameters()).isEqualTo(Map.of("room", "blue"));
        }
    }

    @Test
    void theConnectionIsVersion13NotSecureAndBelongsToTheServersContainer() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/rooms/blue"))) {
            Session session = opened();
            assertThat(session.getProtocolVersion()).isEqualTo("13");
            assertThat(session.isSecure()).isFalse();
            assertThat(session.isOpen()).isTrue();
            assertThat(session.getContainer()).isSameAs(server.server().container());
            assertThat(session.getQueryString()).isNull();
        }
    }

    @Test
    void everySessionHasItsOwnIdAndItsOwnCopyOfTheUserProperties() throws Exception {
        try (JdkClient first = JdkClient.connect(server.uri("/rooms/blue"));
             JdkClient second = JdkClient.connect(server.uri("/rooms/blue"))) {
            Session one = opened();
            Session two = opened();
            assertThat(one.getId()).isNotEqualTo(two.getId());
            try (JdkClient third = JdkClient.connect(server.uri("/rooms/blue"))) {
                Session three = opened();
                assertThat(three.getId()).isNotIn(one.getId(), two.getId());
                // Each started from the configuration's values and changed only its own copy.
                for (Session session : List.of(one, two, three)) {
                    assertThat(session.getUserProperties())
                            .containsEntry("visitor at open", "nobody yet")
                            .containsEntry("visitor", session.getId())
                            .containsEntry("motto", "be kind");
                }
            }
        }
    }

    @Test
    void withoutConfiguredPropertiesASessionKeepsOneMapOneIdAndOneRemoteOfEachKind() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/lobby"))) {
            Session session = opened();
            // The lobby's configuration has no properties: what onOpen put is kept, in one map.
            assertThat(session.getUserProperties()).isSameAs(session.getUserProperties())
                    .containsEntry("visitor at open", "null")
                    .containsEntry("visitor", session.getId());
            assertThat(session.getId()).isEqualTo(session.getId());
            ExecutorService askers = Executors.newFixedThreadPool(4);
            try {
                List<Callable<List<Object>>> asks = Collections.nCopies(8,
                        () -> List.of(session.getBasicRemote(), session.getAsyncRemote()));
                Set<Object> basics = Collections.newSetFromMap(new IdentityHashMap<>());
                Set<Object> asyncs = Collections.newSetFromMap(new IdentityHashMap<>());
                for (Future<List<Object>> remotes : askers.invokeAll(asks, 10, TimeUnit.SECONDS)) {
                    basics.add(remotes.get().get(0));
                    asyncs.add(remotes.get().get(1));
                }
                assertThat(basics).hasSize(1).containsExactly(session.getBasicRemote());
                assertThat(asyncs).hasSize(1).containsExactly(session.getAsyncRemote());
            } finally {
                askers.shutdownNow();
            }
            assertThat(client.ask("still one remote")).isEqualTo("still one remote");
        }
    }

    @Test
    void openSessionsAreThoseOfTheSameEndpointOnly() throws Exception {
        try (JdkClient first = JdkClient.connect(server.uri("/rooms/blue"));
             JdkClient second = JdkClient.connect(server.uri("/rooms/red"));
             JdkClient elsewhere = JdkClient.connect(server.uri("/lobby"))) {
            Session a = opened();
            Session b = opened();
            Session c = opened();
            Session lobby = List.of(a, b, c).stream().filter(s -> s.getRequestURI().getPath().equals("/lobby"))
                    .findFirst().orElseThrow();
            Session room = a == lobby ? b : a;
            Session otherRoom = c == lobby ? b : c;
            assertThat(room.getOpenSessions()).containsExactlyInAnyOrder(room, otherRoom);
            assertThat(lobby.getOpenSessions()).containsExactly(lobby);
        }
    }

    @Test
    void aSessionIsNoLongerOpenInOnClose() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/rooms/blue"))) {
            opened();
            client.ws.sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
            assertThat(client.closed.get(5, TimeUnit.SECONDS).code()).isEqualTo(1000);
        }
        // As the reference implementation: the session reports itself closed once onClose has run.
        assertThat(CLOSED.poll(5, TimeUnit.SECONDS)).isEqualTo("isOpen true");
    }

    @Test
    void aMessageNoHandlerTakesIsDroppedAndTheSessionStaysOpen() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/rooms/blue"))) {
            Session session = opened();
            client.send("still echoed");
            assertThat(client.next(5)).isEqualTo("still echoed");
            assertThat(session.getMessageHandlers()).hasSize(1);
            MessageHandler handler = session.getMessageHandlers().iterator().next();
            session.removeMessageHandler(handler);
            assertThat(session.getMessageHandlers()).isEmpty();
            // As the reference implementation: handlers may come and go at any time (a client adds
            // its own after connectToServer returns), so a message that finds none is dropped.
            java.util.concurrent.CompletableFuture<Void> ponged = new java.util.concurrent.CompletableFuture<>();
            session.addMessageHandler(jakarta.websocket.PongMessage.class, pong -> ponged.complete(null));
            client.send("no one listens");
            client.ws.sendBinary(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}), true).get(5, TimeUnit.SECONDS);
            // The client's pong comes after those two on the same stream: once it is here, both were dropped.
            session.getBasicRemote().sendPing(java.nio.ByteBuffer.allocate(0));
            ponged.get(5, TimeUnit.SECONDS);
            session.addMessageHandler(String.class, text -> session.getAsyncRemote().sendText(text));
            client.send("heard again");
            assertThat(client.next(5)).isEqualTo("heard again");
            assertThat(session.isOpen()).isTrue();
            assertThat(client.closed).isNotDone();
        }
    }
}
