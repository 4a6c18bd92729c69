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

    static ContextNotActiveException notActive() {
        return new ContextNotActiveException("@ConnectionScoped beans exist only while a callback of a WebSocket "
                + "session runs (onOpen, @OnMessage or a message handler, onError, onClose) on thread "
                + Thread.currentThread().getName() + "; from other code, reach a connection through OpenSessions "
                + "or the Session, or use another scope");
    }
}
