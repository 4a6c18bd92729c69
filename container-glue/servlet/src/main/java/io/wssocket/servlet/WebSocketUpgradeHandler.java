package io.wssocket.servlet;

import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;

/**
 * What the container runs once it has switched protocols: the accepted upgrade opens its session
 * on a {@link ServletConnection} over the {@link WebConnection}. The container creates it (public,
 * no-argument constructor); {@link UpgradeFilter} then gives it the upgrade before {@link #init}.
 */
public final class WebSocketUpgradeHandler implements HttpUpgradeHandler {
    private static final System.Logger LOG = System.getLogger(WebSocketUpgradeHandler.class.getName());

    private AcceptedUpgrade accepted;
    private ServletConnection connection;

    /** Made by the container. */
    public WebSocketUpgradeHandler() {
    }

    void prepare(AcceptedUpgrade upgrade) {
        this.accepted = upgrade;
    }

    @Override
    public void init(WebConnection web) {
        try {
            connection = new ServletConnection(web, accepted.host(), accepted.remote(), accepted.local(), accepted.secure());
        } catch (Exception e) {
            accepted.upgrade().abandon();
            LOG.log(System.Logger.Level.WARNING, "the upgraded connection from " + accepted.remote() + " has no streams", e);
            closeQuietly(web);
            return;
        }
        if (!accepted.open(connection)) {
            closeQuietly(web);
            return;
        }
        connection.start();
    }

    @Override
    public void destroy() {
        if (connection != null) {
            connection.destroyed();
        }
    }

    private static void closeQuietly(WebConnection web) {
        try {
            web.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "closing an upgraded connection", e);
        }
    }
}
