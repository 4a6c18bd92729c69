package io.wssocket.weld;

import io.wssocket.cdi.ConnectionScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.spi.AlterableContext;
import jakarta.enterprise.context.spi.Contextual;
import jakarta.enterprise.context.spi.CreationalContext;
import java.lang.annotation.Annotation;

/**
 * The context of {@link ConnectionScoped}: active on a thread while it runs a callback of a
 * session, with that session's {@link ConnectionStore}.
 */
final class ConnectionContext implements AlterableContext {
    private final ThreadLocal<ConnectionStore> current = new ThreadLocal<>();

    /** Makes {@code store} current on this thread; returns what was current, for {@link #exit}. */
    ConnectionStore enter(ConnectionStore store) {
        ConnectionStore previous = current.get();
        current.set(store);
        return previous;
    }

    void exit(ConnectionStore previous) {
        if (previous == null) {
            current.remove();
        } else {
            current.set(previous);
        }
    }

    @Override
    public Class<? extends Annotation> getScope() {
        return ConnectionScoped.class;
    }

    @Override
    public <T> T get(Contextual<T> contextual, CreationalContext<T> creationalContext) {
        return store().get(contextual, creationalContext);
    }

    @Override
    public <T> T get(Contextual<T> contextual) {
        return store().get(contextual);
    }

    @Override
    public void destroy(Contextual<?> contextual) {
        store().destroy(contextual);
    }

    @Override
    public boolean isActive() {
        return current.get() != null;
    }

    private ConnectionStore store() {
        ConnectionStore store = current.get();
        if (store == null) {
            throw notActive();
        }
        return store;
    }

    /**
     * For callers holding this context itself ({@code BeanManager.getContexts}) outside a callback.
     * Calls through a client proxy never get here: CDI 4.1 §6.5.1 has the container look for an
     * active context first, and Weld throws its own WELD-001303 naming the scope.
     */
    static ContextNotActiveException notActive() {
        return new ContextNotActiveException("@ConnectionScoped beans are usable only inside a WebSocket callback "
                + "(onOpen, onMessage, onError, onClose) of their session, not on thread " + Thread.currentThread().getName()
                + "; from other code, reach a connection through OpenSessions or the Session, or use another scope");
    }
}
