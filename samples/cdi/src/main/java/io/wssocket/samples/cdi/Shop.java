package io.wssocket.samples.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicLong;

/** The application's one shop: checks items, takes orders, and knows its figures. */
@ApplicationScoped
public class Shop {
    static final int MAX_ITEMS = 20;

    private final AtomicLong orders = new AtomicLong();

    @Inject
    RequestStamp stamp;
    @Inject
    AuditLog audit;

    String add(Basket basket, String item) {
        if (item.isEmpty() || item.length() > 40 || !item.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == ' ' || c == '-')) {
            return "an item is 1 to 40 letters, digits, spaces or '-'";
        }
        if (basket.items().size() == MAX_ITEMS) {
            return "the basket is full (" + MAX_ITEMS + " items)";
        }
        basket.add(item);
        // The same request-scoped instance as the endpoint's, in this same callback.
        return "added " + item + " (" + basket.items().size() + " in basket, seen by the shop in request " + stamp.id() + ")";
    }

    String checkout(Basket basket) {
        if (basket.items().isEmpty()) {
            return "nothing to check out";
        }
        long number = orders.incrementAndGet();
        String summary = "order " + number + ": " + basket.items();
        basket.clear();
        return summary;
    }

    String stats() {
        return "orders " + orders.get() + ", messages handled " + audit.handled() + ", baskets discarded " + audit.basketsDiscarded();
    }
}
