package example.cdi.jar;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;

/** An application-wide service found by annotated discovery in a jar without beans.xml. */
@ApplicationScoped
public class Counter {
    private final AtomicInteger count = new AtomicInteger();

    public int next() {
        return count.incrementAndGet();
    }
}
