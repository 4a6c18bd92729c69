package io.wssocket.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.JdkClient;
import io.wssocket.test.RunningServer;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An encoder that throws during getAsyncRemote().sendObject: the failure is the send's outcome,
 * an EncodeException in the Future or the SendResult, not an exception at the caller or onError.
 */
@Timeout(30)
class AsyncSendObjectFailureTest {

    /** An object whose encoder fails. */
    public record Unencodable(String text) {
    }

    public static class ThrowingEncoder implements Encoder.Text<Unencodable> {
        @Override
        public String encode(Unencodable object) {
            throw new IllegalStateException("cannot encode " + object.text());
        }
    }

    /** On open, sends an Unencodable both ways and reports what each way saw. */
    public static class Sending extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            String future;
            try {
                session.getAsyncRemote().sendObject(new Unencodable("a")).get(5, TimeUnit.SECONDS);
                future = "sent";
            } catch (ExecutionException e) {
                future = "future failed with " + e.getCause().getClass().getSimpleName()
                        + " caused by " + e.getCause().getCause().getClass().getSimpleName();
            } catch (Exception e) {
                future = "caller got " + e.getClass().getSimpleName();
            }
            CompletableFuture<SendResult> result = new CompletableFuture<>();
            String handler;
            try {
                session.getAsyncRemote().sendObject(new Unencodable("b"), result::complete);
                SendResult r = result.get(5, TimeUnit.SECONDS);
                handler = r.isOK() ? "ok" : "handler failed with " + r.getException().getClass().getSimpleName();
            } catch (Exception e) {
                handler = "caller got " + e.getClass().getSimpleName();
            }
            reply(session, future + "; " + handler);
        }

        @Override
        public void onError(Session session, Throwable error) {
            reply(session, "onError " + error);
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
    static final RunningServer server = RunningServer.withEndpoints(c -> c.addEndpoint(
            ServerEndpointConfig.Builder.create(Sending.class, "/send").encoders(List.of(ThrowingEncoder.class)).build()));

    @Test
    void anEncoderFailureFailsTheFutureAndReachesTheSendHandler() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/send"))) {
            assertThat(client.next(10)).isEqualTo("future failed with " + EncodeException.class.getSimpleName()
                    + " caused by IllegalStateException; handler failed with EncodeException");
        }
    }
}
