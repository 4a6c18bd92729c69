package example.cdi.enabled;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

@ApplicationScoped
public class Calls {
    private final AtomicInteger count = new AtomicInteger();

    void add() {
        count.incrementAndGet();
    }

    int count() {
        return count.get();
    }
}
