package io.wssocket.interop;

/** A third-party WebSocket server offering the {@link PeerServerEndpoints} on a loopback port. */
interface PeerServer {
    /** Starts the server on an ephemeral loopback port and returns that port. */
    int start() throws Exception;

    /** Stops the server and releases what it holds; called once, also after a failed start. */
    void stop() throws Exception;
}
