package io.wssocket.cdi.app;

import jakarta.inject.Inject;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicInteger;

/** For the leak test: counts its instances that are still reachable, and uses every scope once. */
@ServerEndpoint("/counted")
public class CountedEndpoint {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicInteger LIVE = new AtomicInteger();

    @Inject
    PerCallback request;
    @Inject
    PerConnection connection;

    @SuppressWarnings("this-escape") // the cleaner only watches this instance; it calls nothing on it
    public CountedEndpoint() {
        LIVE.incrementAndGet();
        CLEANER.register(this, LIVE::decrementAndGet);
    }

    /** Instances created and not yet collected. */
    public static int live() {
        return LIVE.get();
    }

    @OnOpen
    public void open(Session session) throws IOException {
        session.getBasicRemote().sendText(request.id() + "/" + connection.id());
    }
}
