package io.wssocket.interop;

/** A third-party WebSocket server offering the {@link PeerServerEndpoints} on a loopback port. */
interface PeerServer {
    /**
     * Starts the server on an ephemeral loopback port and returns that port; for {@link Scheme#WSS}
     * the port speaks TLS only and presents the test certificate
     * ({@link io.wssocket.test.TestCertificates#localhost()}).
     */
    int start(Scheme scheme) throws Exception;

    /**
     * What the paths of {@link PeerServerEndpoints} have in front of them where the server offers
     * permessage-deflate (RFC 7692): "" where it offers it on every path, as Jetty, Tomcat and ws
     * do by default; a prefix of its own where an application must add the extension for it (Tyrus),
     * so that its other paths stay as it is deployed by default.
     */
    default String deflatePrefix() {
        return "";
    }

    /** Stops the server and releases what it holds; called once, also after a failed start. */
    void stop() throws Exception;
}
