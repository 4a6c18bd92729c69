package io.wssocket.servlet.containers;

import java.net.URI;

/**
 * A Servlet container started in the test's JVM, serving one {@link WebApplication} on 127.0.0.1 at
 * an ephemeral port, without a WebSocket implementation of its own. {@link #close()} stops it and
 * removes what it wrote; closing one never started, or twice, does nothing.
 *
 * <p>Run a test in each container with {@link InEachServletContainer}.
 */
public interface EmbeddedServletContainer extends AutoCloseable {

    /** The container's name and version line, as tests show it: {@code "Tomcat 11"}. */
    String name();

    /**
     * Deploys the application and starts serving it; fails if an initializer or listener fails, as
     * a container fails the application's start.
     *
     * @param application what to deploy
     * @return the port it listens on, on 127.0.0.1
     * @throws Exception when the container or the application does not start
     */
    int start(WebApplication application) throws Exception;

    /** The port {@link #start} returned. */
    int port();

    /**
     * An address on the started container, for a path relative to the host (context path included).
     *
     * @param scheme {@code http} or {@code ws}
     * @param path starting with {@code /}
     * @return {@code scheme://127.0.0.1:port/path}
     */
    default URI uri(String scheme, String path) {
        return URI.create(scheme + "://127.0.0.1:" + port() + path);
    }

    @Override
    void close() throws Exception;
}
