package io.wssocket.client;

/**
 * The client {@code WebSocketContainer}: what {@code ContainerProvider.getWebSocketContainer()}
 * returns. Its sessions run on event loops shared by all client containers of the JVM (see
 * {@link SharedClientTransport}); its defaults are its own. {@link #close()} ends its sessions
 * with 1001 (going away); the container may connect again afterwards.
 */
public final class WsClientContainer extends AbstractWebSocketContainer implements AutoCloseable {
    private final long shutdownTimeoutMillis;

    /**
     * @param config limits, timeouts and the proxy
     * @param transport where the connections run
     */
    public WsClientContainer(ClientConfig config, ClientTransport transport) {
        super(config, transport);
        this.shutdownTimeoutMillis = config.shutdownTimeoutMillis();
    }

    /** Closes every open session with 1001 and waits, at most the shutdown timeout, for their close handshakes. */
    @Override
    public void close() {
        closeClientSessions("client container closed", shutdownTimeoutMillis);
    }
}
