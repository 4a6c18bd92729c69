package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.JdkClient;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A pluggable authenticator names the user of each handshake, or refuses it with its own status. */
@Timeout(30)
class HandshakeAuthenticationTest {

    /** Tokens in the query string: alice is an admin, bob is not; "boom" breaks the authenticator. */
    static Authentication authenticate(HandshakeRequest request) throws HandshakeRejection {
        String token = request.getParameterMap().getOrDefault("token", List.of()).stream().findFirst().orElse("");
        switch (token) {
            case "alice-token":
                return new Authentication(() -> "alice", Set.of("admin")::contains);
            case "bob-token":
                return new Authentication(() -> "bob", role -> false);
            case "boom":
                throw new IllegalStateException("token store unavailable");
            default:
                throw new HandshakeRejection(401, "a valid token is required", Map.of("WWW-Authenticate", "Bearer"));
        }
    }

    /** Records what the configurator saw of the user. */
    public static class RecordingConfigurator extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            sec.getUserProperties().put("seen", request.getUserPrincipal().getName() + " admin=" + request.isUserInRole("admin"));
        }
    }

    /** Greets the session's user with what the handshake saw. */
    public static class WhoAmIEndpoint extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            try {
                session.getBasicRemote().sendText(session.getUserPrincipal().getName() + " / "
                        + session.getUserProperties().get("seen"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @RegisterExtension
    static final RunningServer server = RunningServer.with(b -> b.authenticator(HandshakeAuthenticationTest::authenticate),
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(WhoAmIEndpoint.class, "/me")
                    .configurator(new RecordingConfigurator()).build()));

    @Test
    void theAuthenticatedUserIsSeenByTheConfiguratorAndTheSession() throws Exception {
        try (JdkClient alice = JdkClient.connect(server.uri("/me?token=alice-token"));
             JdkClient bob = JdkClient.connect(server.uri("/me?token=bob-token"))) {
            assertThat(alice.next(5)).isEqualTo("alice / alice admin=true");
            assertThat(bob.next(5)).isEqualTo("bob / bob admin=false");
        }
    }

    @Test
    void aRefusalAnswersWithItsStatusAndHeaders() throws Exception {
        RawWebSocket.HttpResponse response = upgrade("/me?token=wrong");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(response.body()).contains("a valid token is required").doesNotContain("wrong");
    }

    @Test
    void anAuthenticatorThatFailsRefusesWith500() throws Exception {
        assertThat(upgrade("/me?token=boom").status()).isEqualTo(500);
        try (JdkClient alice = JdkClient.connect(server.uri("/me?token=alice-token"))) {
            assertThat(alice.next(5)).isEqualTo("alice / alice admin=true");
        }
    }

    private static RawWebSocket.HttpResponse upgrade(String target) throws IOException {
        try (RawWebSocket raw = RawWebSocket.connect(server.port())) {
            raw.sendRaw(RawWebSocket.upgradeRequest(target, RawWebSocket.newKey()));
            return raw.readHttpResponse();
        }
    }
}
