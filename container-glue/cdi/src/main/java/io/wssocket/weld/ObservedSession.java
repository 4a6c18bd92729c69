package io.wssocket.weld;

import io.wssocket.cdi.SessionClosed;
import io.wssocket.cdi.SessionOpened;
import io.wssocket.spi.SessionObserver;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.util.HashMap;
import java.util.Map;
import org.jboss.weld.context.bound.BoundRequestContext;

/**
 * One session as the CDI container sees it: around each callback the session's connection scope
 * and a fresh request scope are active (the request context is a bound one, backed by a map that
 * lives for that one callback); opening and closing fire the events and keep {@code OpenSessions}
 * up to date.
 */
final class ObservedSession implements SessionObserver {
    private static final System.Logger LOG = System.getLogger(ObservedSession.class.getName());

    private final WeldApplication application;
    private final Session session;
    private final String path;
    private final ConnectionStore connection = new ConnectionStore();
    // Set in beforeCallback, read in afterCallback: the same thread, callbacks never overlap.
    private ConnectionStore outerConnection;
    private BoundRequestContext requestContext;
    private Map<String, Object> request;
    private boolean opened;

    ObservedSession(WeldApplication application, Session session, String path) {
        this.application = application;
        this.session = session;
        this.path = path;
    }

    @Override
    public void beforeCallback() {
        outerConnection = application.connectionContext().enter(connection);
        BoundRequestContext context = application.requestContext();
        if (context != null && !context.isActive()) { // already active: a callback run inline inside another
            request = new HashMap<>();
            requestContext = context;
            context.associate(request);
            context.activate();
        }
    }

    @Override
    public void afterCallback() {
        try {
            Map<String, Object> ended = request;
            if (ended != null) {
                BoundRequestContext context = requestContext;
                request = null;
                requestContext = null;
                try {
                    context.invalidate(); // destroys this callback's @RequestScoped instances
                    context.deactivate();
                } finally {
                    context.dissociate(ended);
                }
            }
        } finally {
            application.connectionContext().exit(outerConnection);
            outerConnection = null;
        }
    }

    @Override
    public void opened() {
        opened = true;
        if (path != null) {
            application.sessions().add(path, session);
        }
        application.fire(new SessionOpened(session, path));
    }

    @Override
    public void closed(CloseReason reason) {
        try {
            if (opened) {
                if (path != null) {
                    application.sessions().remove(path, session);
                }
                application.fire(new SessionClosed(session, path, reason));
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "an observer of SessionClosed for " + session + " threw", e);
        } finally {
            connection.destroyAll();
            application.ended(this);
        }
    }

    boolean isServerSession() {
        return path != null;
    }
}
