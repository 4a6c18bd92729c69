package io.wssocket.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import io.wssocket.test.JdkClient;
import io.wssocket.test.RunningServer;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnError;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Path templates: variables reach @PathParam and getPathParameters, and the most literal path wins (§3.1.1). */
@Timeout(30)
class PathRoutingTest {

    @RegisterExtension
    static final RunningServer server = RunningServer.withEndpoints(c -> {
        for (Class<?> endpoint : new Class<?>[] {Room.class, Exact.class, Variable.class, VariableThenC.class,
            BThenVariable.class, Numbered.class}) {
            c.addEndpoint(endpoint);
        }
        c.addEndpoint(ServerEndpointConfig.Builder.create(ProgrammaticUser.class, "/users/{user}").build());
    });

    /** Says who it is when the connection opens. */
    public abstract static class Announcing {
        @OnOpen
        public void open(Session session) throws IOException {
            session.getBasicRemote().sendText(getClass().getSimpleName() + " " + new TreeMap<>(session.getPathParameters()));
        }
    }

    @ServerEndpoint("/rooms/{room}")
    public static class Room {
        @OnOpen
        public void open(Session session, @PathParam("room") String room, @PathParam("floor") Integer floor,
                         @PathParam("{room}") String braced) throws IOException {
            session.getBasicRemote().sendText("room " + room + " floor " + floor + " braced " + braced + " "
                    + session.getPathParameters());
        }
    }

    @ServerEndpoint("/a/b")
    public static class Exact extends Announcing {
    }

    @ServerEndpoint("/a/{x}")
    public static class Variable extends Announcing {
    }

    @ServerEndpoint("/a/{x}/c")
    public static class VariableThenC extends Announcing {
    }

    @ServerEndpoint("/a/b/{y}")
    public static class BThenVariable extends Announcing {
    }

    @ServerEndpoint("/n/{n}")
    public static class Numbered {
        @OnOpen
        public void open(Session session, @PathParam("n") int n) throws IOException {
            session.getBasicRemote().sendText("n+1 = " + (n + 1));
        }

        @OnError
        public void error(Session session, Throwable error) throws IOException {
            session.getBasicRemote().sendText("error " + error.getClass().getSimpleName());
        }
    }

    public static class ProgrammaticUser extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.getAsyncRemote().sendText("user " + session.getPathParameters().get("user"));
        }
    }

    private static String firstMessage(String path) throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri(path))) {
            return (String) client.next(5);
        }
    }

    @Test
    void pathParametersReachPathParamAndTheSession() throws Exception {
        assertThat(firstMessage("/rooms/lobby%201")).isEqualTo("room lobby 1 floor null braced lobby 1 {room=lobby 1}");
    }

    @Test
    void aPathParamNamingNoVariableOfThePathIsNull() throws Exception {
        // PathParam javadoc: "If the name does not match a path segment variable, the value is null"
        assertThat(firstMessage("/rooms/hall")).contains("floor null");
    }

    @Test
    void aPathParamNameInBracesNamesTheVariable() throws Exception {
        // As the Jakarta WebSocket 2.2 TCK expects (@PathParam("{param}") for the variable {param})
        assertThat(firstMessage("/rooms/hall")).contains("braced hall");
    }

    @Test
    void programmaticEndpointsGetPathParametersToo() throws Exception {
        assertThat(firstMessage("/users/ann")).isEqualTo("user ann");
    }

    @Test
    void anExactPathWinsOverATemplate() throws Exception {
        assertThat(firstMessage("/a/b")).isEqualTo("Exact {}");
        assertThat(firstMessage("/a/z")).isEqualTo("Variable {x=z}");
    }

    @Test
    void aLiteralSegmentWinsAtTheFirstPlaceTemplatesDiffer() throws Exception {
        assertThat(firstMessage("/a/b/c")).isEqualTo("BThenVariable {y=c}");
        assertThat(firstMessage("/a/q/c")).isEqualTo("VariableThenC {x=q}");
    }

    @Test
    void aPathParamThatIsNotOfItsTypeGoesToOnErrorAsDecodeException() throws Exception {
        assertThat(firstMessage("/n/41")).isEqualTo("n+1 = 42");
        assertThat(firstMessage("/n/many")).isEqualTo("error DecodeException");
    }

    @ServerEndpoint("/e/{x}")
    public static class FirstOfTwo {
    }

    @ServerEndpoint("/e/{y}")
    public static class SecondOfTwo {
    }

    @Test
    void equivalentTemplatesAreRefusedAtDeployment() throws Exception {
        try (WebSocketServer other = WebSocketServer.create(ServerConfig.builder().host("127.0.0.1").port(0).eventLoops(1).build())) {
            other.container().addEndpoint(FirstOfTwo.class);
            assertThatThrownBy(() -> other.container().addEndpoint(SecondOfTwo.class))
                    .isInstanceOf(DeploymentException.class)
                    .hasMessageContaining(SecondOfTwo.class.getName())
                    .hasMessageContaining("'/e/{y}' matches the same request paths as '/e/{x}'");
        }
    }
}
