package io.wssocket.weld;

import jakarta.enterprise.context.spi.Contextual;
import jakarta.enterprise.context.spi.CreationalContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code @ConnectionScoped} instances of one session. Used from the session's callbacks, which
 * never overlap, and from its close; the lock only makes the hand-over between threads safe.
 */
final class ConnectionStore {
    private static final System.Logger LOG = System.getLogger(ConnectionStore.class.getName());

    private record Entry<T>(Contextual<T> contextual, T instance, CreationalContext<T> creationalContext) {
        void destroy() {
            contextual.destroy(instance, creationalContext);
        }
    }

    private final Map<Contextual<?>, Entry<?>> entries = new LinkedHashMap<>();
    private boolean destroyed;

    @SuppressWarnings("unchecked")
    synchronized <T> T get(Contextual<T> contextual) {
        Entry<?> entry = entries.get(contextual);
        return entry == null ? null : (T) entry.instance();
    }

    /** Not computeIfAbsent: creating one instance may look up another of the same connection. */
    <T> T get(Contextual<T> contextual, CreationalContext<T> creationalContext) {
        T existing = get(contextual);
        if (existing != null || creationalContext == null) {
            return existing;
        }
        T created = contextual.create(creationalContext);
        synchronized (this) {
            if (destroyed) {
                contextual.destroy(created, creationalContext);
                throw new IllegalStateException("the session's connection scope has already ended");
            }
            entries.put(contextual, new Entry<>(contextual, created, creationalContext));
        }
        return created;
    }

    void destroy(Contextual<?> contextual) {
        Entry<?> entry;
        synchronized (this) {
            entry = entries.remove(contextual);
        }
        if (entry != null) {
            entry.destroy();
        }
    }

    /** At the session's close: every instance destroyed, newest first; later lookups find none. */
    void destroyAll() {
        List<Entry<?>> taken;
        synchronized (this) {
            destroyed = true;
            taken = new ArrayList<>(entries.values());
            entries.clear();
        }
        for (int i = taken.size() - 1; i >= 0; i--) {
            try {
                taken.get(i).destroy();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "destroying a @ConnectionScoped instance failed", e);
            }
        }
    }
}
