package io.wssocket.servlet.cdi.app;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/** One per application: numbers the greetings of every connection. */
@ApplicationScoped
public class Greetings {
    private final AtomicInteger count = new AtomicInteger();

    public String greet(String name) {
        return "hello, " + name + " #" + count.incrementAndGet();
    }
}
