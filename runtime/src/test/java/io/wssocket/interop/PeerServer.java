package io.wssocket.interop;

/** A third-party WebSocket server offering the {@link PeerServerEndpoints} on a loopback port. */
interface PeerServer {
    /**
     * Starts the server on an ephemeral loopback port and returns that port; for {@link Scheme#WSS}
     * the port speaks TLS only and presents the test certificate
     * ({@link io.wssocket.test.TestCertificates#localhost()}).
     */
    int start(Scheme scheme) throws Exception;

    /** Stops the server and releases what it holds; called once, also after a failed start. */
    void stop() throws Exception;
}
