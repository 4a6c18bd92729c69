package io.wssocket.servlet.containers;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@link ProbeServlet}'s upgrade done by a filter, as a WebSocket implementation's filter does it
 * (Tomcat's {@code WsFilter}): requests asking for {@code Upgrade: probe} are upgraded, the others
 * go down the chain.
 */
final class ProbeFilter implements Filter {
    /** Does the upgrade and holds the records. */
    final ProbeServlet probe = new ProbeServlet();

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        if ("probe".equalsIgnoreCase(http.getHeader("Upgrade"))) {
            probe.doGet(http, (HttpServletResponse) response);
        } else {
            chain.doFilter(request, response);
        }
    }
}
