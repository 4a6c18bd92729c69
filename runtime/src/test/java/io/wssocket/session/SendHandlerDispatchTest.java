package io.wssocket.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.JdkClient;
import io.wssocket.test.RunningServer;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SendHandlers of async sends: a chain of sends each started from the previous one's handler
 * (the usual way to stream without queueing) delivers every message in order however long it
 * is, and a handler that throws harms neither the sender nor later sends.
 */
@Timeout(60)
class SendHandlerDispatchTest {
    static final int CHAIN = 20_000;

    /** On "chain", sends CHAIN numbered messages, each from the handler of the one before. */
    public static class Chaining extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, command -> {
                if (command.equals("chain")) {
                    sendFrom(session, 0);
                } else if (command.equals("throwing handler")) {
                    session.getAsyncRemote().sendText("first", result -> {
                        throw new IllegalStateException("a handler's own failure");
                    });
                    session.getAsyncRemote().sendText("second", result -> session.getAsyncRemote().sendText(
                            "second's handler ran: " + result.isOK()));
                }
            });
        }

        private static void sendFrom(Session session, int n) {
            AtomicInteger calls = new AtomicInteger();
            SendHandler next = result -> {
                if (calls.incrementAndGet() != 1) {
                    session.getAsyncRemote().sendText("handler called twice for " + n);
                } else if (!result.isOK()) {
                    session.getAsyncRemote().sendText("failed at " + n + ": " + result.getException());
                } else if (n + 1 < CHAIN) {
                    sendFrom(session, n + 1);
                }
            };
            session.getAsyncRemote().sendText(Integer.toString(n), next);
        }
    }

    @RegisterExtension
    static final RunningServer server = RunningServer.withEndpoints(c ->
            c.addEndpoint(ServerEndpointConfig.Builder.create(Chaining.class, "/chain").build()));

    @Test
    void aLongChainOfSendsFromHandlersDeliversEveryMessageInOrder() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/chain"))) {
            client.send("chain");
            for (int i = 0; i < CHAIN; i++) {
                assertThat(client.next(10)).isEqualTo(Integer.toString(i));
            }
            assertThat(client.messages.poll(200, TimeUnit.MILLISECONDS)).as("nothing after the chain").isNull();
        }
    }

    @Test
    void aHandlerThatThrowsHarmsNeitherTheSenderNorLaterSends() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/chain"))) {
            client.send("throwing handler");
            assertThat(client.next(5)).isEqualTo("first");
            assertThat(client.next(5)).isEqualTo("second");
            assertThat(client.next(5)).isEqualTo("second's handler ran: true");
        }
    }
}
