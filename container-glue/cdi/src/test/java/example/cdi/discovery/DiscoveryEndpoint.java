package example.cdi.discovery;

import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Answers with its injected {@link Plain}, or "not injected" when no CDI container made it. */
@ServerEndpoint("/discovery")
public class DiscoveryEndpoint {
    @Inject
    Plain plain;

    @OnMessage
    public String onMessage(String text) {
        return plain == null ? "not injected" : plain.name();
    }
}
