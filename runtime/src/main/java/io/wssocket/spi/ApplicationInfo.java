package io.wssocket.spi;

import jakarta.websocket.server.ServerContainer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What an integration is told about an application it starts for.
 *
 * @param name for messages
 * @param classLoader loads the application's classes (and, through its parent, the shared API)
 * @param classRoots the application's jars and class directories, in the loader's order
 * @param sessionsClosedTimeout how long stopping the integration may wait for the sessions being
 *     closed by the undeployment to finish their onClose: the server's shutdown timeout
 * @param container the container of the server the application is deployed on (its cluster is
 *     {@code ((io.wssocket.cluster.ClusterAccess) container).cluster()} once the server serves), or
 *     null when the application is not deployed on a server
 */
public record ApplicationInfo(String name, ClassLoader classLoader, List<Path> classRoots, Duration sessionsClosedTimeout,
                              ServerContainer container) {
    /**
     * Copies the class roots.
     *
     * @param name for messages
     * @param classLoader loads the application's classes
     * @param classRoots the application's jars and class directories (copied)
     * @param sessionsClosedTimeout how long stopping may wait for sessions' onClose
     * @param container the server's container, or null
     * @throws NullPointerException when {@code sessionsClosedTimeout} is null
     */
    public ApplicationInfo {
        classRoots = List.copyOf(classRoots);
        Objects.requireNonNull(sessionsClosedTimeout, "sessionsClosedTimeout");
    }

    /**
     * An application not deployed on a server.
     *
     * @param name for messages
     * @param classLoader loads the application's classes
     * @param classRoots the application's jars and class directories (copied)
     * @param sessionsClosedTimeout how long stopping may wait for sessions' onClose
     */
    public ApplicationInfo(String name, ClassLoader classLoader, List<Path> classRoots, Duration sessionsClosedTimeout) {
        this(name, classLoader, classRoots, sessionsClosedTimeout, null);
    }
}
