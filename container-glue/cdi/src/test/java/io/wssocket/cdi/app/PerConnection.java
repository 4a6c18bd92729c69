package io.wssocket.cdi.app;

import io.wssocket.cdi.ConnectionScoped;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.atomic.AtomicInteger;

@ConnectionScoped
public class PerConnection {
    private static final AtomicInteger IDS = new AtomicInteger();
    private final int id = IDS.incrementAndGet();
    private int messages;

    public int id() {
        return id;
    }

    public int countMessage() {
        return ++messages;
    }

    @PreDestroy
    void destroyed() {
        Lifecycle.count("connection bean destroyed");
    }
}
