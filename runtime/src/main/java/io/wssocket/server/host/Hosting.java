package io.wssocket.server.host;

import io.wssocket.server.ServerConfig;
import io.wssocket.server.WsServerContainer;
import java.lang.invoke.MethodHandles;
import java.util.function.Function;

/**
 * How {@link HostedServer#create} reaches the implementation, which lives beside the standalone
 * server in a package whose internals no other package sees: the server package installs its
 * factory when its container class is initialized.
 */
public final class Hosting {
    private static volatile Function<ServerConfig, HostedServer> factory;

    private Hosting() {
    }

    /** Called once, by the server package. */
    public static void install(Function<ServerConfig, HostedServer> serverFactory) {
        factory = serverFactory;
    }

    static Function<ServerConfig, HostedServer> factory() {
        if (factory == null) {
            try {
                MethodHandles.lookup().ensureInitialized(WsServerContainer.class);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("the server package cannot be initialized", e);
            }
        }
        return factory;
    }
}
