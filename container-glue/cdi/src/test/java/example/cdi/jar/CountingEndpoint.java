package example.cdi.jar;

import io.wssocket.cdi.OpenSessions;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Deployed from a jar: injected, with a per-connection bean and the registry of open sessions. */
@ServerEndpoint("/count")
public class CountingEndpoint {
    @Inject
    Counter counter;
    @Inject
    Visitor visitor;
    @Inject
    OpenSessions sessions;

    @OnMessage
    public String onMessage(String text) {
        if (text.startsWith("name ")) {
            visitor.name(text.substring(5));
        }
        return visitor.name() + " " + counter.next() + " of " + sessions.sessions("/count").size()
                + " " + getClass().getClassLoader().getName();
    }
}
