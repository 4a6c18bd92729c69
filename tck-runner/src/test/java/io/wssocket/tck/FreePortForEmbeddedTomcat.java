package io.wssocket.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Chooses the port of embedded Tomcat in each TCK JVM of {@code -Ptck,tomcat}, before Arquillian
 * starts Tomcat: arquillian.xml's tomcat container reads it as {@code ${tck.tomcat.port}}.
 *
 * <p>Arquillian's adapter for embedded Tomcat gives the tests the port it was configured with, not
 * the one Tomcat bound, so {@code 0} (any free port) cannot be configured; a fixed port could be
 * taken on a shared machine. This listener asks the system for a free loopback port and hands it
 * on. It does nothing in other JVMs (another {@code arquillian.launch}, the unit tests) or when
 * {@code tck.tomcat.port} is set already (a {@code -Dtck.tomcat.port=...} on Maven's command line
 * reaches the TCK JVMs: failsafe hands the user properties on to them).
 *
 * <p>Registered in {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}.
 */
public final class FreePortForEmbeddedTomcat implements LauncherSessionListener {
    /** The system property arquillian.xml's tomcat container takes its port from. */
    static final String PORT_PROPERTY = "tck.tomcat.port";
    /** Arquillian's choice of container; this listener acts only for {@value #TOMCAT_CONTAINER}. */
    static final String LAUNCH_PROPERTY = "arquillian.launch";
    /** The qualifier of the tomcat container in arquillian.xml. */
    static final String TOMCAT_CONTAINER = "tomcat";

    /** For {@code ServiceLoader}. */
    public FreePortForEmbeddedTomcat() {
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (TOMCAT_CONTAINER.equals(System.getProperty(LAUNCH_PROPERTY)) && System.getProperty(PORT_PROPERTY) == null) {
            System.setProperty(PORT_PROPERTY, Integer.toString(freeLoopbackPort()));
        }
    }

    /** A port nothing listens on at loopback now; closed again at once, so that Tomcat can bind it. */
    static int freeLoopbackPort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for embedded Tomcat", e);
        }
    }
}
