package io.wssocket.servlet;

import io.wssocket.server.host.HostedUpgrade;
import java.net.InetSocketAddress;

/**
 * An upgrade the hosted server accepted, with what its connection needs from the request it came
 * in: once the container has switched protocols, {@link #open} starts the session on the upgraded
 * connection, whichever way the container hands it over (the Servlet API's {@code WebConnection},
 * or Jetty's endpoint).
 *
 * @param upgrade         the server's decision
 * @param host            the web application's connections' threads, timers and limits
 * @param remote          the client's address
 * @param local           the address the client connected to
 * @param secure          whether the request came over TLS
 * @param httpSessions    the sessions to close when their HTTP session ends
 * @param httpSessionId   the authenticated HTTP session's id, or null when there is none
 */
record AcceptedUpgrade(HostedUpgrade upgrade, ServletHost host, InetSocketAddress remote, InetSocketAddress local,
                       boolean secure, HttpSessions httpSessions, String httpSessionId) {

    /**
     * Opens the session on the connection and, for an authenticated HTTP session, registers it to
     * close with it.
     *
     * @return false when the session could not open (the server has told the operator, with the
     *         endpoint's class): the caller closes the connection
     */
    boolean open(UpgradedConnection connection) {
        try {
            jakarta.websocket.Session session = upgrade.open(connection, connection::callbacks);
            if (httpSessionId != null) {
                httpSessions.add(httpSessionId, session);
            }
            return true;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
