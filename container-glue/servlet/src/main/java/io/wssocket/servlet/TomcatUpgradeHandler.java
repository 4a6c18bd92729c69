package io.wssocket.servlet;

import jakarta.servlet.http.WebConnection;
import org.apache.coyote.http11.upgrade.InternalHttpUpgradeHandler;
import org.apache.tomcat.util.net.AbstractEndpoint.Handler.SocketState;
import org.apache.tomcat.util.net.SSLSupport;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * Tomcat's way to hand an upgraded connection over, as its own WebSocket takes it: Tomcat gives
 * the handler its socket wrapper and then its events, and the accepted upgrade opens its session
 * on a {@link TomcatConnection} over that wrapper (why not over the Servlet API's streams: see
 * there). Tomcat creates it (public, no-argument constructor) in {@code HttpServletRequest.upgrade};
 * {@link TomcatHandover} gives it the upgrade before {@link #init}. Used only where Tomcat's
 * classes are visible.
 */
public final class TomcatUpgradeHandler implements InternalHttpUpgradeHandler {
    private AcceptedUpgrade accepted;
    private SocketWrapperBase<?> socket;
    private TomcatConnection connection;

    /** Made by Tomcat. */
    public TomcatUpgradeHandler() {
    }

    void prepare(AcceptedUpgrade upgrade) {
        this.accepted = upgrade;
    }

    @Override
    public void setSocketWrapper(SocketWrapperBase<?> wrapper) {
        this.socket = wrapper;
    }

    /** With the 101 written: the session opens; Tomcat's first read event follows at once. */
    @Override
    public void init(WebConnection web) {
        TomcatConnection opened = new TomcatConnection(socket, accepted);
        if (!opened.open(accepted)) {
            socket.close();
            return;
        }
        connection = opened;
    }

    @Override
    public SocketState upgradeDispatch(SocketEvent event) {
        return connection == null ? SocketState.CLOSED : connection.onEvent(event);
    }

    @Override
    public void destroy() {
        if (connection != null) {
            connection.destroyed();
        }
    }

    /** Timeouts are the protocol's own timers'. */
    @Override
    public void timeoutAsync(long now) {
        // nothing waits on Tomcat's asynchronous timeouts
    }

    /** TLS is Tomcat's: the connection reads and writes plain bytes through the wrapper. */
    @Override
    public void setSslSupport(SSLSupport sslSupport) {
        // whether the request came over TLS is known from the request
    }

    /** A paused connector stops accepting; open connections go on until the application ends them. */
    @Override
    public void pause() {
        // nothing to do
    }
}
