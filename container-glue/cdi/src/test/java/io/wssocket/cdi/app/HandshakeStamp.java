package io.wssocket.cdi.app;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** One per request scope: records which configurator calls used it, and says so when destroyed. */
@RequestScoped
public class HandshakeStamp {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private final int id = NEXT.incrementAndGet();
    private final List<String> uses = new ArrayList<>();

    public int id() {
        return id;
    }

    public void used(String by) {
        uses.add(by);
    }

    public String uses() {
        return String.join(",", uses);
    }

    @PreDestroy
    void destroyed() {
        Lifecycle.record("stamp destroyed after " + uses());
    }
}
