package io.wssocket.server;

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

    /** Where refusals, limit closes, stalls and overload are told to the operator. */
    OperatorLog operatorLog();
}
