/**
 * The client's configuration: {@link io.wssocket.client.ClientConfig}, the options it shares with
 * the server ({@link io.wssocket.client.ContainerConfig}), the slow-peer policy
 * ({@link io.wssocket.client.SendQueuePolicy}) and what an endpoint is told when reconnection gives
 * up ({@link io.wssocket.client.ReconnectListener}). The client itself is what
 * {@code ContainerProvider.getWebSocketContainer()} returns, a Jakarta {@code WebSocketContainer}
 * whose connections run on event loops shared by the JVM's client containers, configured by
 * {@code ClientConfig.builder()} from the configuration file, environment and system properties of
 * the moment it is created. Its implementation is internal to the runtime's module.
 */
package io.wssocket.client;
