package io.wssocket.server;

import io.wssocket.spi.ServerMetricsListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A metrics listener the tests' class path names in META-INF/services, as a metrics module would:
 * every server of the test run makes one, and it keeps the paths of the handshakes it hears.
 */
public final class ServiceLoadedMetricsListener implements ServerMetricsListener {
    static final List<String> PATHS = new CopyOnWriteArrayList<>();

    @Override
    public void handshake(Handshake handshake) {
        if (handshake.path() != null && handshake.path().startsWith("/service-loaded")) {
            PATHS.add(handshake.path());
        }
    }
}
