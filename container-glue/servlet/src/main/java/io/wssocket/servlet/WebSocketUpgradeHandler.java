package io.wssocket.servlet;

import io.wssocket.server.host.HostedUpgrade;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.net.InetSocketAddress;

/**
 * What the container runs once it has switched protocols: the accepted upgrade opens its session
 * on a {@link ServletConnection} over the {@link WebConnection}. The container creates it (public,
 * no-argument constructor); {@link UpgradeFilter} then gives it the upgrade before {@link #init}.
 */
public final class WebSocketUpgradeHandler implements HttpUpgradeHandler {
    private static final System.Logger LOG = System.getLogger(WebSocketUpgradeHandler.class.getName());

    private HostedUpgrade upgrade;
    private ServletHost host;
    private InetSocketAddress remote;
    private InetSocketAddress local;
    private boolean secure;
    private HttpSessions httpSessions;
    private String httpSessionId;
    private ServletConnection connection;

    /** Made by the container. */
    public WebSocketUpgradeHandler() {
    }

    void prepare(HostedUpgrade accepted, ServletHost servletHost, InetSocketAddress remoteAddress,
                 InetSocketAddress localAddress, boolean tls, HttpSessions sessions, String sessionId) {
        this.upgrade = accepted;
        this.host = servletHost;
        this.remote = remoteAddress;
        this.local = localAddress;
        this.secure = tls;
        this.httpSessions = sessions;
        this.httpSessionId = sessionId;
    }

    @Override
    public void init(WebConnection web) {
        try {
            connection = new ServletConnection(web, host, remote, local, secure);
        } catch (Exception e) {
            upgrade.abandon();
            LOG.log(System.Logger.Level.WARNING, "the upgraded connection from " + remote + " has no streams", e);
            closeQuietly(web);
            return;
        }
        try {
            jakarta.websocket.Session session = upgrade.open(connection);
            if (httpSessionId != null) {
                httpSessions.add(httpSessionId, session);
            }
        } catch (RuntimeException | LinkageError e) {
            closeQuietly(web); // the operator was told by the server, with the endpoint's class
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
