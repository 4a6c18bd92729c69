package example.cdi.programmatic;

import io.wssocket.cdi.OpenSessions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A programmatic endpoint with only an injecting constructor. "destroyed" answers how many of its
 * instances CDI has destroyed so far; any other text is greeted, with how many sessions are open
 * at the endpoint's path, or "not injected" when whoever created it did not inject it.
 */
public class GreetingEndpoint extends Endpoint {
    private final Greetings greetings;
    @Inject
    OpenSessions sessions;

    @Inject
    public GreetingEndpoint(Greetings greetings) {
        this.greetings = greetings;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        String path = session.getRequestURI().getPath();
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
            String answer = text.equals("destroyed") ? String.valueOf(greetings.endpointsDestroyed())
                    : greetings.greet(text) + " / " + (sessions == null ? "not injected" : sessions.sessions(path).size() + " open");
            try {
                session.getBasicRemote().sendText(answer);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @PreDestroy
    void destroyed() {
        greetings.endpointDestroyed();
    }
}
