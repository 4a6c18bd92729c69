package io.wssocket.servlet;

import io.wssocket.server.host.HostRequest;
import io.wssocket.server.host.HostedUpgrade;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends WebSocket upgrade requests for the web application's endpoints to WS Socket, after the
 * container's security constraints and the filters declared before it; every other request goes
 * on down the chain untouched. An accepted upgrade is answered 101 and switched with
 * {@link HttpServletRequest#upgrade}; a refused one gets its status and a plain-text reason.
 */
final class UpgradeFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    private final transient ServletHost host;
    private final transient HttpSessions httpSessions;

    UpgradeFilter(ServletHost host, HttpSessions httpSessions) {
        this.host = host;
        this.httpSessions = httpSessions;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!isWebSocketUpgrade(request)) {
            chain.doFilter(request, response);
            return;
        }
        HttpSession httpSession = request.getSession(false);
        HostedUpgrade upgrade = host.server().upgrade(new HostRequest(request.getMethod(), request.getContextPath(),
                targetWithinContext(request), request.getProtocol(), headers(request),
                new InetSocketAddress(request.getRemoteAddr(), request.getRemotePort()), request.isSecure(),
                request.getUserPrincipal(), request::isUserInRole, httpSession));
        if (upgrade == null) {
            chain.doFilter(request, response);
            return;
        }
        upgrade.headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        if (!upgrade.accepted()) {
            response.setStatus(upgrade.status());
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write(upgrade.message() + "\n");
            return;
        }
        response.setStatus(HttpServletResponse.SC_SWITCHING_PROTOCOLS);
        WebSocketUpgradeHandler handler;
        try {
            handler = request.upgrade(WebSocketUpgradeHandler.class);
        } catch (IOException | ServletException | RuntimeException e) {
            upgrade.abandon();
            throw e;
        }
        String httpSessionId = httpSession != null && request.getUserPrincipal() != null ? httpSession.getId() : null;
        handler.prepare(upgrade, host, new InetSocketAddress(request.getRemoteAddr(), request.getRemotePort()),
                new InetSocketAddress(request.getLocalAddr(), request.getLocalPort()), request.isSecure(), httpSessions,
                httpSessionId);
    }

    private static boolean isWebSocketUpgrade(HttpServletRequest request) {
        String upgrade = request.getHeader("Upgrade");
        return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
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
