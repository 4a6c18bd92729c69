package io.wssocket.arquillian.app;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

/**
 * Sends every text message back, except the question {@value #IDLE_TIMEOUT_QUESTION}, which it
 * answers with the session's idle timeout (so tests can see the container's configuration).
 */
public class EchoEndpoint extends Endpoint {
    public static final String IDLE_TIMEOUT_QUESTION = "idle-timeout?";

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text ->
                session.getAsyncRemote().sendText(IDLE_TIMEOUT_QUESTION.equals(text)
                        ? String.valueOf(session.getMaxIdleTimeout())
                        : text));
    }
}
