package io.wssocket.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.JdkClient;
import io.wssocket.test.RunningServer;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One session's messages reach its endpoint one at a time and in order, even when handling is slow. */
@Timeout(30)
class CallbackOrderTest {

    /** Checks it is never entered twice at once; replies with the index it expected next, or an error. */
    public static class SequenceCheckingEndpoint extends Endpoint {
        private final AtomicInteger inside = new AtomicInteger();
        private int expected;

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, message -> {
                if (inside.incrementAndGet() != 1) {
                    reply(session, "error: entered concurrently");
                }
                int index = Integer.parseInt(message);
                if (index != expected) {
                    reply(session, "error: got " + index + ", expected " + expected);
                }
                expected = index + 1;
                if (index % 50 == 0) {
                    try {
                        Thread.sleep(5); // slow handling must not reorder or overlap what follows
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (index == 999) {
                    reply(session, "ok " + expected);
                }
                inside.decrementAndGet();
            });
        }

        private static void reply(Session session, String text) {
            try {
                session.getBasicRemote().sendText(text);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @RegisterExtension
    static final RunningServer server = RunningServer.withEndpoints(
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(SequenceCheckingEndpoint.class, "/seq").build()));

    @Test
    void aThousandMessagesArriveInOrderOneAtATime() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/seq"))) {
            for (int i = 0; i < 1000; i++) {
                client.ws.sendText(Integer.toString(i), true).join();
            }
            assertThat(client.next(20)).isEqualTo("ok 1000");
        }
    }
}
