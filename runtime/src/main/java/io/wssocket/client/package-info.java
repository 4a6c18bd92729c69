/**
 * The client: {@code ContainerProvider.getWebSocketContainer()} finds
 * {@link io.wssocket.client.ClientProvider} and returns a {@link io.wssocket.client.WsClientContainer},
 * the Jakarta WebSocket {@code WebSocketContainer} whose connections run on event loops shared by
 * the JVM's client containers; {@link io.wssocket.client.WsClientContainer#close()} ends its
 * sessions. Its limits and timeouts come from the {@code wssocket.*} system properties of the
 * moment it is created.
 */
package io.wssocket.client;
