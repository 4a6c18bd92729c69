package io.wssocket.samples.cdi;

import io.wssocket.cdi.ConnectionScoped;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** What one connection has picked: one basket per connection, discarded when it closes. */
@ConnectionScoped
public class Basket {
    private final List<String> items = new ArrayList<>();

    @Inject
    AuditLog audit;

    // A connection's callbacks run one at a time (Jakarta WebSocket 2.2 §5.1), so no locking is needed.
    void add(String item) {
        items.add(item);
    }

    List<String> items() {
        return List.copyOf(items);
    }

    void clear() {
        items.clear();
    }

    @PreDestroy
    void discard() {
        audit.basketDiscarded(items.size());
    }
}
