/**
 * Cluster-wide messaging for applications: {@link io.wssocket.cluster.Cluster}, reached from a
 * session with {@link io.wssocket.cluster.Cluster#of(jakarta.websocket.Session)} or from the
 * embedding API with {@code WebSocketServer.cluster()}. The engine behind it is a
 * {@link io.wssocket.spi.ClusterTransport}.
 */
package io.wssocket.cluster;
