package io.wssocket.servlet;

import io.wssocket.server.host.HostRequest;
import io.wssocket.server.host.HostedUpgrade;
import io.wssocket.server.host.HttpUpgrades;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Servlet request's way to a WebSocket session, for the filter (endpoints deployed at the
 * request's path) and for {@code ServerContainer.upgradeHttpToWebSocket} (an endpoint a servlet or
 * filter names): the request as the hosted server sees it, and the answer it decided: 101 and
 * {@link HttpServletRequest#upgrade} (in Jetty, Jetty's own handover: {@link CoreHandover}), or the
 * refusal's status with a plain-text reason. In Tomcat the upgrade goes to Tomcat's own kind of
 * handler ({@link TomcatHandover}).
 */
final class ServletUpgrades implements HttpUpgrades {
    private static final System.Logger LOG = System.getLogger(ServletUpgrades.class.getName());
    private static final CoreHandover JETTY = handover("org.eclipse.jetty.server.HttpStream", "io.wssocket.servlet.JettyHandover");
    private static final CoreHandover TOMCAT = handover("org.apache.coyote.http11.upgrade.InternalHttpUpgradeHandler",
            "io.wssocket.servlet.TomcatHandover");
    private static final AtomicBoolean JETTY_HIDDEN_TOLD = new AtomicBoolean();

    private final ServletHost host;
    private final HttpSessions httpSessions;

    ServletUpgrades(ServletHost host, HttpSessions httpSessions) {
        this.host = host;
        this.httpSessions = httpSessions;
    }

    /** The request as the hosted server sees it: its path within the application, headers, peer and user. */
    static HostRequest hostRequest(HttpServletRequest request) {
        return new HostRequest(request.getMethod(), request.getContextPath(), targetWithinContext(request),
                request.getProtocol(), headers(request), new InetSocketAddress(request.getRemoteAddr(), request.getRemotePort()),
                request.isSecure(), request.getUserPrincipal(), request::isUserInRole, request.getSession(false));
    }

    @Override
    public void upgrade(Object request, Object response, ServerEndpointConfig config, Map<String, String> pathParameters)
            throws DeploymentException {
        if (!(request instanceof HttpServletRequest httpRequest) || !(response instanceof HttpServletResponse httpResponse)) {
            throw new DeploymentException("upgradeHttpToWebSocket needs the HttpServletRequest and HttpServletResponse "
                    + "of the request being served, got " + request + " and " + response);
        }
        HostedUpgrade upgrade = host.server().upgrade(hostRequest(httpRequest), config, pathParameters);
        try {
            answer(httpRequest, httpResponse, upgrade);
        } catch (IOException | ServletException e) {
            throw new DeploymentException("the upgrade to " + config.getPath() + " failed: " + e.getMessage(), e);
        }
    }

    /** Answers with what the server decided: switches protocols, or sends the refusal. */
    void answer(HttpServletRequest request, HttpServletResponse response, HostedUpgrade upgrade)
            throws IOException, ServletException {
        upgrade.headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        if (!upgrade.accepted()) {
            response.setStatus(upgrade.status());
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write(upgrade.message() + "\n");
            return;
        }
        if (response.isCommitted()) {
            upgrade.abandon();
            String problem = "cannot switch " + request.getRequestURI() + " from " + request.getRemoteAddr()
                    + " to WebSocket: its response was already committed by what ran before";
            LOG.log(System.Logger.Level.WARNING, problem);
            throw new IOException(problem);
        }
        response.setStatus(HttpServletResponse.SC_SWITCHING_PROTOCOLS);
        HttpSession httpSession = request.getSession(false);
        String httpSessionId = httpSession != null && request.getUserPrincipal() != null ? httpSession.getId() : null;
        AcceptedUpgrade accepted = new AcceptedUpgrade(upgrade, host,
                new InetSocketAddress(request.getRemoteAddr(), request.getRemotePort()),
                new InetSocketAddress(request.getLocalAddr(), request.getLocalPort()), request.isSecure(), httpSessions,
                httpSessionId);
        try {
            if (JETTY != null && JETTY.handOver(request, accepted)) {
                return; // Jetty switches protocols once the 101 is written, and the connection opens the session
            }
            warnIfJettyHidden(request);
            if (TOMCAT != null && TOMCAT.handOver(request, accepted)) {
                return;
            }
            request.upgrade(WebSocketUpgradeHandler.class).prepare(accepted);
        } catch (IOException | ServletException | RuntimeException e) {
            upgrade.abandon();
            throw e;
        }
    }

    private static void warnIfJettyHidden(HttpServletRequest request) {
        if (JETTY == null && request.getServletContext().getServerInfo().startsWith("jetty/")
                && JETTY_HIDDEN_TOLD.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "Jetty's classes (org.eclipse.jetty.server) are hidden from "
                    + "wssocket-servlet, so it upgrades through HttpServletRequest.upgrade, which in Jetty 12.1 loses "
                    + "what clients send after the 101: put wssocket-servlet on Jetty's server class path or expose "
                    + "org.eclipse.jetty.{server,io,http,util} to the web application (see the guide)");
        }
    }

    /**
     * A container's own handover when its classes are visible to this module, else null (Jetty 12's
     * HttpServletRequest.upgrade loses what the client sends after the 101; Tomcat's cannot close
     * from a thread of ours: CONTAINERS.md). Loaded by name, so that other containers need none of
     * its classes.
     */
    private static CoreHandover handover(String containerClass, String handoverClass) {
        ClassLoader loader = ServletUpgrades.class.getClassLoader();
        try {
            Class.forName(containerClass, false, loader);
            return (CoreHandover) Class.forName(handoverClass, true, loader).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** The request's path within the web application, with its query, as the client sent them. */
    private static String targetWithinContext(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        String path = uri.startsWith(context) ? uri.substring(context.length()) : uri;
        if (path.isEmpty()) {
            path = "/";
        }
        return request.getQueryString() == null ? path : path + "?" + request.getQueryString();
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, new ArrayList<>(Collections.list(request.getHeaders(name))));
        }
        return headers;
    }
}
