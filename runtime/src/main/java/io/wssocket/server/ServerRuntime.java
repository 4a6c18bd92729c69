package io.wssocket.server;

import io.wssocket.protocol.SharedTextFrames;
import java.util.concurrent.Executor;

/** What the per-connection handlers of a running server share with it. */
interface ServerRuntime {
    ServerConfig config();

    WsServerContainer container();

    default EndpointRegistry registry() {
        return container().registry();
    }

    Executor callbackExecutor();

    String nextSessionId();

    int connectionCount();

    /** The text frames the server's connections share (a broadcast's). */
    SharedTextFrames sharedTextFrames();
}
