package example.cdi.enabled;

import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Greets with whichever {@link Greeting} beans.xml enables, and says how many calls were intercepted. */
@ServerEndpoint("/enabled")
public class EnabledEndpoint {
    @Inject
    Greeting greeting;
    @Inject
    Calls calls;

    @Counted
    @OnMessage
    public String onMessage(String name) {
        return greeting.greet(name) + " (" + calls.count() + " intercepted)";
    }
}
