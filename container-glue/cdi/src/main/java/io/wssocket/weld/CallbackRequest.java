package io.wssocket.weld;

import io.wssocket.spi.HandshakeScope;
import java.util.HashMap;
import java.util.Map;
import org.jboss.weld.context.bound.BoundRequestContext;

/**
 * One request scope on the current thread for a piece of application code the server runs (a
 * session callback, a handshake's configurator calls): the bound request context over a map of
 * its own, whose {@code @RequestScoped} instances are destroyed when it ends.
 */
final class CallbackRequest implements HandshakeScope {
    private final BoundRequestContext context;
    private final Map<String, Object> storage = new HashMap<>();

    private CallbackRequest(BoundRequestContext context) {
        this.context = context;
        context.associate(storage);
        context.activate();
    }

    /**
     * A request scope begun on this thread, or null when there is nothing to begin: no context
     * (the container stopped), or one already active (code run inline inside another callback,
     * whose scope it shares).
     */
    static CallbackRequest begin(BoundRequestContext context) {
        return context == null || context.isActive() ? null : new CallbackRequest(context);
    }

    /** On the thread that began it. */
    @Override
    public void close() {
        try {
            context.invalidate(); // destroys this scope's @RequestScoped instances
            context.deactivate();
        } finally {
            context.dissociate(storage);
        }
    }
}
