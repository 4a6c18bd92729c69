package io.wssocket.client.internal;

import io.wssocket.client.ClientConfig;
import io.wssocket.client.WebSocketClient;
import jakarta.websocket.WebSocketContainer;

/**
 * The client {@code WebSocketContainer}: what {@code ContainerProvider.getWebSocketContainer()}
 * returns. Its sessions run on event loops shared by all client containers of the JVM (see
 * {@link SharedClientTransport}); its defaults are its own. {@link #close()} ends its sessions
 * with 1001 (going away); the container may connect again afterwards.
 */
public final class WsClientContainer extends AbstractWebSocketContainer implements WebSocketClient {
    private final long shutdownTimeoutMillis;

    /**
     * @param config limits, timeouts and the proxy
     * @param transport where the connections run
     */
    public WsClientContainer(ClientConfig config, ClientTransport transport) {
        this(config, transport, null);
    }

    /**
     * @param config limits, timeouts and the proxy
     * @param transport where the connections run
     * @param owner what its sessions report as their container (the server's container that opens
     *     client sessions through this one), or null for this one
     */
    public WsClientContainer(ClientConfig config, ClientTransport transport, WebSocketContainer owner) {
        super(config, transport, owner);
        this.shutdownTimeoutMillis = config.shutdownTimeoutMillis();
    }

    /** Closes every open session with 1001 and waits, at most the shutdown timeout, for their close handshakes. */
    @Override
    public void close() {
        closeClientSessions("client container closed", shutdownTimeoutMillis);
    }
}
