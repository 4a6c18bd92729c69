package io.wssocket.samples.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/** The application's figures, fed by the interceptor and by baskets as they are discarded. */
@ApplicationScoped
public class AuditLog {
    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());

    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong basketsDiscarded = new AtomicLong();

    void handled(String method, long nanos) {
        handled.incrementAndGet();
        LOG.fine(() -> method + " took " + nanos / 1000 + " µs");
    }

    void basketDiscarded(int items) {
        basketsDiscarded.incrementAndGet();
        LOG.fine(() -> "a basket of " + items + " item(s) was discarded with its connection");
    }

    long handled() {
        return handled.get();
    }

    long basketsDiscarded() {
        return basketsDiscarded.get();
    }
}
