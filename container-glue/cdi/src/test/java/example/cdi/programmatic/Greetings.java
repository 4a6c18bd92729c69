package example.cdi.programmatic;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/** The application's service, and its count of endpoint instances CDI has destroyed. */
@ApplicationScoped
public class Greetings {
    private final AtomicInteger endpointsDestroyed = new AtomicInteger();

    public String greet(String name) {
        return "hello " + name;
    }

    void endpointDestroyed() {
        endpointsDestroyed.incrementAndGet();
    }

    int endpointsDestroyed() {
        return endpointsDestroyed.get();
    }
}
