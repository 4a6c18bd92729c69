package io.wssocket.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Endpoint code that throws an Error (here OutOfMemoryError) ends its own session with 1011; the
 * one callback thread goes on serving the other sessions, and new ones.
 */
@Timeout(30)
class EndpointErrorTest {
    @RegisterExtension
    static final RunningServer server = RunningServer.with(b -> b.virtualThreads(false).callbackThreads(1),
            c -> {
                c.addEndpoint(ServerEndpointConfig.Builder.create(EchoUnlessOom.class, "/echo").build());
                c.addEndpoint(ServerEndpointConfig.Builder.create(EchoUnlessOom.class, "/canary").build());
            });

    @RegisterExtension
    static final EchoCanary canary = EchoCanary.on(server, "/canary");

    @Test
    void anErrorInOnMessageClosesThatSessionWith1011() throws Exception {
        try (RawWebSocket bystander = RawWebSocket.open(server.port(), "/echo");
             RawWebSocket failing = RawWebSocket.open(server.port(), "/echo")) {
            failing.sendText("oom");

            assertThat(failing.readCloseFrame().code()).as("RFC 6455 §7.4.1: internal error").isEqualTo(1011);
            bystander.sendText("unaffected");
            assertThat(bystander.readFrame().text()).isEqualTo("unaffected");
        }
    }

    /** Echoes text; "oom" throws an OutOfMemoryError from the handler, as a runaway allocation would. */
    public static class EchoUnlessOom extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                if (text.equals("oom")) {
                    throw new OutOfMemoryError("injected in onMessage");
                }
                try {
                    session.getBasicRemote().sendText(text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
