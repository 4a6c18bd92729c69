package io.wssocket.samples.programmatic;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.deploy.Application;
import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import jakarta.websocket.CloseReason;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Deploys the compiled sample the way the bootstrap main does; members talk in rooms. */
@Timeout(30)
class RoomsApplicationTest {
    private static WebSocketServer server;
    private static Application application;

    @BeforeAll
    static void deploy() throws Exception {
        server = WebSocketServer.create(ServerConfig.builder().host("127.0.0.1").port(0).eventLoops(1).build());
        application = Application.deploy(Path.of("target/classes"), server.container(), RoomsApplicationTest.class.getClassLoader());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.close();
        application.close();
    }

    private static RoomClient join(String room, String user, String... subprotocols) throws Exception {
        return RoomClient.connect(server.container(),
                URI.create("ws://127.0.0.1:" + server.port() + "/rooms/" + room + (user == null ? "" : "?user=" + user)),
                List.of(subprotocols));
    }

    @Test
    void theServerApplicationConfigDeploysTheTemplate() {
        assertThat(application.paths()).containsExactly(RoomsApplication.PATH);
    }

    @Test
    void theServersOrderOfSubprotocolsWins() throws Exception {
        RoomClient both = join("lobby", "ann", "chat.v1", "chat.v2");
        RoomClient old = join("lobby", "bob", "chat.v1");
        RoomClient none = join("lobby", "cy", "mqtt");
        try {
            assertThat(both.session.getNegotiatedSubprotocol()).isEqualTo("chat.v2");
            assertThat(old.session.getNegotiatedSubprotocol()).isEqualTo("chat.v1");
            assertThat(none.session.getNegotiatedSubprotocol()).isEmpty();
        } finally {
            both.close();
            old.close();
            none.close();
        }
    }

    @Test
    void messagesGoToTheRoomUnderTheNameFromTheHandshake() throws Exception {
        RoomClient alice = join("kitchen", "alice");
        RoomClient bob = join("kitchen", "bob");
        RoomClient carol = join("garden", "carol");
        try {
            alice.say("soup is ready");
            // The sender's "anyone" is replaced by the user property modifyHandshake stored.
            assertThat(alice.next()).isEqualTo(new ChatMessage("alice", "soup is ready"));
            assertThat(bob.next()).isEqualTo(new ChatMessage("alice", "soup is ready"));
            carol.say("roses");
            assertThat(carol.next()).isEqualTo(new ChatMessage("carol", "roses"));
            assertThat(alice.received.poll(300, TimeUnit.MILLISECONDS)).as("another room's message").isNull();
        } finally {
            alice.close();
            bob.close();
            carol.close();
        }
    }

    @Test
    void withoutAValidUserNameTheSessionIsClosedAsAPolicyViolation() throws Exception {
        for (String user : new String[] {null, "", "no%20spaces", "x".repeat(33)}) {
            RoomClient client = join("lobby", user);
            CloseReason reason = client.closed.get(5, TimeUnit.SECONDS);
            assertThat(reason.getCloseCode()).as("user %s", user).isEqualTo(CloseReason.CloseCodes.VIOLATED_POLICY);
            assertThat(reason.getReasonPhrase()).contains("?user=");
        }
    }

    @Test
    void textTheDecoderCannotReadIsAnsweredNotDropped() throws Exception {
        RoomClient dave = join("lobby", "dave");
        try {
            dave.session.getBasicRemote().sendText("no separator here");
            assertThat(dave.next()).isEqualTo(new ChatMessage("server", "not understood; send 'name: text'"));
            assertThat(dave.session.isOpen()).isTrue();
        } finally {
            dave.close();
        }
    }

    @Test
    void aBinaryMessageIsCountedPartByPart() throws Exception {
        RoomClient erin = join("lobby", "erin");
        try {
            erin.session.getBasicRemote().sendBinary(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)), false);
            erin.session.getBasicRemote().sendBinary(ByteBuffer.wrap("world!".getBytes(StandardCharsets.US_ASCII)), true);
            ChatMessage answer = erin.next();
            assertThat(answer.sender()).isEqualTo("server");
            assertThat(answer.text()).startsWith("received 11 bytes in ").endsWith(" parts");
        } finally {
            erin.close();
        }
    }
}
