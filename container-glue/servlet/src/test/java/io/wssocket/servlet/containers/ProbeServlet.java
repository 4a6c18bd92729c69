package io.wssocket.servlet.containers;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Upgrades every GET that asks for {@code Upgrade: probe} to a {@link ProbeUpgradeHandler}, in the
 * mode its {@code mode} parameter names. It sets status 101 and the Upgrade and Connection headers
 * before calling {@code upgrade}, except in mode {@code bare}, which shows what the container sends
 * by itself. Each upgraded connection's {@link ProbeRecord} is handed to the test through
 * {@link #upgraded}.
 */
final class ProbeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** One record per upgraded connection, in the order of their upgrades. */
    final transient BlockingQueue<ProbeRecord> upgraded = new LinkedBlockingQueue<>();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        if (!"probe".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "Upgrade: probe expected");
            return;
        }
        ProbeUpgradeHandler.Mode mode = ProbeUpgradeHandler.Mode.valueOf(request.getParameter("mode").toUpperCase());
        if (mode != ProbeUpgradeHandler.Mode.BARE) {
            response.setStatus(HttpServletResponse.SC_SWITCHING_PROTOCOLS);
            response.setHeader("Upgrade", "probe");
            response.setHeader("Connection", "Upgrade");
        }
        ProbeRecord record = new ProbeRecord();
        record.requestThread = Thread.currentThread().getName();
        record.requestClassLoader = Thread.currentThread().getContextClassLoader();
        // The container creates the handler; init(WebConnection) follows after service() returns.
        ProbeUpgradeHandler handler = request.upgrade(ProbeUpgradeHandler.class);
        handler.attach(mode, record);
        upgraded.add(record);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        doGet(request, response);
    }
}
