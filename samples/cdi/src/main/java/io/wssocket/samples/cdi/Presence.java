package io.wssocket.samples.cdi;

import io.wssocket.cdi.OpenSessions;
import io.wssocket.cdi.SessionClosed;
import io.wssocket.cdi.SessionOpened;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Tells every shopper how many are in the shop, from the container's session events and registry. */
@ApplicationScoped
public class Presence {
    @Inject
    OpenSessions sessions;

    void opened(@Observes SessionOpened opened) {
        announce();
    }

    void closed(@Observes SessionClosed closed) {
        announce();
    }

    private void announce() {
        sessions.broadcast(ShopEndpoint.PATH, "shoppers online: " + sessions.sessions(ShopEndpoint.PATH).size());
    }
}
