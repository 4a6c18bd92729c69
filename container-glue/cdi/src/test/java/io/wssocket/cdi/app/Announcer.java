package io.wssocket.cdi.app;

import io.wssocket.cdi.OpenSessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Sends from outside any endpoint. */
@ApplicationScoped
public class Announcer {
    @Inject
    OpenSessions sessions;

    public int announce(String text) {
        return sessions.broadcast("/scopes", text);
    }

    public int listeners() {
        return sessions.sessions("/scopes").size();
    }
}
