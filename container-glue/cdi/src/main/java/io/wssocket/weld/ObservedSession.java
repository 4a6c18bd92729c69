package io.wssocket.weld;

import io.wssocket.cdi.SessionClosed;
import io.wssocket.cdi.SessionOpened;
import io.wssocket.spi.SessionObserver;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

/**
 * One session as the CDI container sees it: around each callback the session's connection scope
 * and a fresh request scope ({@link CallbackRequest}) are active; opening and closing fire the events and keep {@code OpenSessions}
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
    private CallbackRequest request;
    private boolean opened;

    ObservedSession(WeldApplication application, Session session, String path) {
        this.application = application;
        this.session = session;
        this.path = path;
    }

    @Override
    public void beforeCallback() {
        outerConnection = application.connectionContext().enter(connection);
        request = CallbackRequest.begin(application.requestContext());
    }

    @Override
    public void afterCallback() {
        try {
            CallbackRequest ended = request;
            request = null;
            if (ended != null) {
                ended.close();
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
