package io.wssocket.cdi.app;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;
import java.util.concurrent.atomic.AtomicInteger;

@RequestScoped
public class PerCallback {
    private static final AtomicInteger IDS = new AtomicInteger();
    private final int id = IDS.incrementAndGet();

    public int id() {
        return id;
    }

    @PreDestroy
    void destroyed() {
        Lifecycle.count("request bean destroyed");
    }
}
