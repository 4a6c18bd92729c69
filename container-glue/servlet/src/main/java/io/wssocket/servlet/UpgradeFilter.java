package io.wssocket.servlet;

import io.wssocket.server.host.HostedServer;
import io.wssocket.server.host.HostedUpgrade;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;

/**
 * Sends WebSocket upgrade requests for the web application's endpoints to WS Socket, after the
 * container's security constraints and the filters declared before it; every other request goes
 * on down the chain untouched (a servlet there may still call {@code upgradeHttpToWebSocket}).
 */
final class UpgradeFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    private final transient HostedServer server;
    private final transient ServletUpgrades upgrades;

    UpgradeFilter(HostedServer server, ServletUpgrades upgrades) {
        this.server = server;
        this.upgrades = upgrades;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HostedUpgrade upgrade = isWebSocketUpgrade(request) ? server.upgrade(ServletUpgrades.hostRequest(request)) : null;
        if (upgrade == null) {
            chain.doFilter(request, response);
            return;
        }
        upgrades.answer(request, response, upgrade);
    }

    private static boolean isWebSocketUpgrade(HttpServletRequest request) {
        String upgrade = request.getHeader("Upgrade");
        return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
    }
}
