package io.wssocket.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.protocol.SharedTextFrames;
import io.wssocket.server.ServerInternals;
import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A broadcast is encoded once for all its recipients, not once each: the same String sent to 50
 * sessions makes two frames (the first recipient's, then the shared one), while 50 different
 * strings make 50, and what a client sends (masked per connection) never goes through the cache.
 */
@Timeout(60)
class SharedBroadcastFrameTest {
    private static final int MEMBERS = 50;
    private static final AtomicInteger sunk = new AtomicInteger();

    /** "same": one String to every member; "each": a String of its own to every member. */
    public static class Room extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, command -> {
                String same = "broadcast " + "x".repeat(2000);
                for (Session each : session.getOpenSessions()) {
                    each.getAsyncRemote().sendText(command.equals("same") ? same : "own " + each.getId());
                }
            });
        }
    }

    /** Takes messages and answers nothing. */
    public static class Sink extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, message -> sunk.incrementAndGet());
        }
    }

    @RegisterExtension
    static final RunningServer server = RunningServer.withEndpoints(c -> {
        c.addEndpoint(ServerEndpointConfig.Builder.create(Room.class, "/room").build());
        c.addEndpoint(ServerEndpointConfig.Builder.create(Sink.class, "/sink").build());
        c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
    });

    @RegisterExtension
    final EchoCanary canary = EchoCanary.on(server, "/echo");

    @Test
    void oneStringToManySessionsIsEncodedOnceForAllButTheFirst() throws Exception {
        SharedTextFrames frames = ServerInternals.sharedTextFrames(server.server());
        List<RawWebSocket> members = new ArrayList<>();
        try {
            for (int i = 0; i < MEMBERS; i++) {
                members.add(RawWebSocket.open(server.port(), "/room"));
            }
            long before = frames.framesEncoded();
            members.get(0).sendText("same");
            for (RawWebSocket member : members) {
                assertThat(member.readFrame().text()).isEqualTo("broadcast " + "x".repeat(2000));
            }
            assertThat(frames.framesEncoded() - before).as("frames encoded for %d recipients", MEMBERS).isEqualTo(2);

            before = frames.framesEncoded();
            members.get(0).sendText("each");
            for (RawWebSocket member : members) {
                assertThat(member.readFrame().text()).startsWith("own ");
            }
            assertThat(frames.framesEncoded() - before).as("a different string to each").isEqualTo(MEMBERS);
        } finally {
            for (RawWebSocket member : members) {
                member.close();
            }
        }
    }

    @Test
    void clientSessionsMaskTheirOwnFramesAndShareNothing() throws Exception {
        SharedTextFrames frames = ServerInternals.sharedTextFrames(server.server());
        List<Session> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                // Client sessions of the server's own container run on its event loops.
                clients.add(server.server().container().connectToServer(new Endpoint() {
                    @Override
                    public void onOpen(Session session, EndpointConfig config) {
                    }
                }, ClientEndpointConfig.Builder.create().build(), URI.create("ws://127.0.0.1:" + server.port() + "/sink")));
            }
            long before = frames.framesEncoded();
            int sunkBefore = sunk.get();
            String same = "from every client";
            for (Session client : clients) {
                client.getBasicRemote().sendText(same);
            }
            // The server would fail a connection whose frames were not masked (RFC 6455 §5.1).
            await().atMost(Duration.ofSeconds(10)).until(() -> sunk.get() - sunkBefore == clients.size());
            assertThat(frames.framesEncoded()).as("client frames through the server's cache").isEqualTo(before);
            assertThat(clients).allMatch(Session::isOpen);
        } finally {
            for (Session client : clients) {
                client.close();
            }
        }
    }
}
