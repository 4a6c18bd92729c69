package io.wssocket.client;

import io.wssocket.client.internal.ClientTransport;
import io.wssocket.client.internal.WsClientContainer;
import jakarta.websocket.WebSocketContainer;

/**
 * A client {@link WebSocketContainer} of one's own, configured in code, that can be closed. What
 * {@code ContainerProvider.getWebSocketContainer()} returns is one too, configured by
 * {@link ClientConfig#builder()}. Every client container's connections run on the event loops the
 * JVM's client containers share (option {@code client-event-loops}); its defaults and sessions are
 * its own.
 *
 * <pre>{@code
 * try (WebSocketClient client = WebSocketClient.create(ClientConfig.defaults().maxMessageSize(1 << 20).build())) {
 *     Session session = client.connectToServer(MyClientEndpoint.class, URI.create("ws://localhost:8080/echo"));
 *     ...
 * }
 * }</pre>
 */
public interface WebSocketClient extends WebSocketContainer, AutoCloseable {

    /**
     * A new client container.
     *
     * @param config its limits, timeouts, proxy and trust store
     * @return the container; close it to end its sessions
     */
    static WebSocketClient create(ClientConfig config) {
        return new WsClientContainer(config, ClientTransport.shared());
    }

    /**
     * Closes every open session of this container with 1001 (going away) and waits, at most the
     * shutdown timeout (option {@code shutdown-timeout}), for their close handshakes; none of them
     * reconnects, and reconnections under way (option {@code client-reconnect}) stop. The
     * container may connect again afterwards.
     */
    @Override
    void close();
}
