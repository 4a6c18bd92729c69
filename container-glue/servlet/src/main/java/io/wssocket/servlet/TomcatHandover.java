package io.wssocket.servlet;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * Tomcat: the connection is upgraded to a {@link TomcatUpgradeHandler}, which Tomcat recognises as
 * one of its own protocols' and hands its socket wrapper, not the Servlet API's streams (why: see
 * {@link TomcatConnection}).
 *
 * <p>Loaded by name ({@link ServletUpgrades}) where Tomcat's classes are visible, as they are to a
 * web application in Tomcat and in embedded Tomcat.
 */
final class TomcatHandover implements CoreHandover {

    /** Loaded by name. */
    TomcatHandover() {
    }

    @Override
    public boolean handOver(HttpServletRequest request, AcceptedUpgrade accepted) throws IOException, ServletException {
        if (!isTomcats(request)) {
            return false;
        }
        request.upgrade(TomcatUpgradeHandler.class).prepare(accepted);
        return true;
    }

    /** Whether the request under any wrappers is Tomcat's own. */
    private static boolean isTomcats(ServletRequest request) {
        ServletRequest innermost = CoreHandover.innermost(request);
        return innermost.getClass().getName().startsWith("org.apache.catalina.connector.");
    }
}
