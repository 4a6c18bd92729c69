package io.wssocket.servlet.cdi.app;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;
import java.util.concurrent.atomic.AtomicInteger;

/** One per request context: a callback's, when the glue activates one around it. */
@RequestScoped
public class PerCallback {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private final int id = NEXT.incrementAndGet();

    public int id() {
        return id;
    }

    @PreDestroy
    void ended() {
        Lifecycle.EVENTS.add("request " + id + " ended");
    }
}
