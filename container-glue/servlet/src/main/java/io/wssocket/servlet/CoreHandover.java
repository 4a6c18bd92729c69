package io.wssocket.servlet;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * A container's own way to hand an upgraded connection over, used instead of the Servlet API's
 * upgrade where that does not serve WebSocket clients (Jetty 12.1: {@link JettyHandover}) or
 * cannot close a connection when WS Socket decides to (Tomcat: {@link TomcatHandover}).
 * Implementations are loaded by name, only where the container's classes are there.
 */
interface CoreHandover {
    /**
     * Arranges for the connection to be handed to WS Socket once the 101 the response carries has
     * been written, if the request came through this container.
     *
     * @return false when the request is not this container's (the caller uses the Servlet upgrade)
     * @throws IOException      when the container refuses the upgrade
     * @throws ServletException when the container refuses the upgrade
     */
    boolean handOver(HttpServletRequest request, AcceptedUpgrade accepted) throws IOException, ServletException;

    /** The container's own request under any wrappers a filter or servlet put around it. */
    static ServletRequest innermost(ServletRequest request) {
        ServletRequest innermost = request;
        while (innermost instanceof ServletRequestWrapper wrapper) {
            innermost = wrapper.getRequest();
        }
        return innermost;
    }
}
