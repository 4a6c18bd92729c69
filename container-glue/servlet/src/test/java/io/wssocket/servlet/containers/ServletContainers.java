package io.wssocket.servlet.containers;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** The containers a test runs in: see {@link InEachServletContainer}. */
public final class ServletContainers {
    private ServletContainers() {
    }

    /**
     * A new, not yet started container of each kind, named for the test report. JUnit closes each
     * after its invocation (a parameterized test's {@code AutoCloseable} arguments are closed).
     */
    public static Stream<Named<EmbeddedServletContainer>> all() {
        return Stream.of(new TomcatContainer(), new JettyContainer(), new UndertowContainer())
                .map(ServletContainers::named);
    }

    /**
     * The containers whose {@code HttpServletRequest.upgrade} hands over what a client sends after
     * the 101, as every WebSocket client does: not Jetty 12.1.14 (ee10 and ee11), whose upgraded input
     * ends at once then, unless those bytes came in with the request head ({@link JettyUpgradeInputTest}
     * fails when that changes; CONTAINERS.md has the details). The glue serves WebSockets in all
     * three: in Jetty it takes the connection over at Jetty's core level instead.
     */
    public static Stream<Named<EmbeddedServletContainer>> servingUpgradedConnections() {
        return Stream.of(new TomcatContainer(), new UndertowContainer()).map(ServletContainers::named);
    }

    /** A new Tomcat, not yet started: for what only Tomcat does. */
    public static EmbeddedServletContainer tomcat() {
        return new TomcatContainer();
    }

    /** Jetty whose connector closes a connection after {@code idleTimeout} without reads or writes. */
    public static EmbeddedServletContainer jettyWithConnectorIdleTimeout(Duration idleTimeout) {
        return new JettyContainer(idleTimeout);
    }

    private static Named<EmbeddedServletContainer> named(EmbeddedServletContainer container) {
        return Named.of(container.name(), container);
    }
}
