package io.wssocket.servlet;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A container's own way to hand an upgraded connection over, used instead of
 * {@link HttpServletRequest#upgrade} where that does not serve WebSocket clients (Jetty 12.1:
 * {@link JettyHandover}). Implementations are loaded by name, only where the container's classes
 * are there.
 */
interface CoreHandover {
    /**
     * Arranges for the connection to be handed to WS Socket once the 101 the response carries has
     * been written, if the request came through this container.
     *
     * @return false when the request is not this container's (the caller uses the Servlet upgrade)
     */
    boolean handOver(HttpServletRequest request, AcceptedUpgrade accepted);
}
