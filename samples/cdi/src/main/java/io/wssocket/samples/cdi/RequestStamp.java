package io.wssocket.samples.cdi;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import java.util.concurrent.atomic.AtomicLong;

/** Made afresh for every message a connection receives: the request context is active around each callback. */
@RequestScoped
public class RequestStamp {
    private static final AtomicLong NEXT = new AtomicLong();

    private long id;

    @PostConstruct
    void stamp() {
        id = NEXT.incrementAndGet();
    }

    long id() {
        return id;
    }
}
