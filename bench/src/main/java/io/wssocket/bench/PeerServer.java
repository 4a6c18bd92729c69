package io.wssocket.bench;

/**
 * A server under test, serving the echo endpoint at {@link EchoEndpoint#PATH} and the broadcast
 * endpoint at {@link BroadcastEndpoint#PATH}. One implementation per product; {@link ServerLauncher}
 * turns it into a main.
 */
interface PeerServer {

    /** Binds and starts serving; returns the port actually bound (useful with port 0). */
    int start(String host, int port) throws Exception;

    /** Stops gracefully. */
    void stop() throws Exception;
}
