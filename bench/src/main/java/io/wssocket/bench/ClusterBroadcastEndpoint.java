package io.wssocket.bench;

import io.wssocket.cluster.Cluster;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;

/**
 * WS Socket's endpoint at {@code /cluster-broadcast} for the cluster scenarios: each whole text or
 * binary message is published through {@link Cluster#broadcast} to every open session of this
 * path on every node of the cluster, the sender included; each node then sends it to its own
 * sessions. It is {@link BroadcastEndpoint} with the cluster doing the fan-out, so that the two
 * are measured by the same driver.
 *
 * <p>Deployed only by {@link WsSocketEchoServer} (the cluster API is WS Socket's own); on a server
 * without option {@code cluster-name} a session's {@code onOpen} fails with the
 * {@link IllegalStateException} of {@link Cluster#of}.
 */
public final class ClusterBroadcastEndpoint extends Endpoint {

    /** The path the cluster-broadcast driver connects to on every node. */
    public static final String PATH = "/cluster-broadcast";

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        Cluster cluster = Cluster.of(session);
        session.addMessageHandler(String.class, text -> cluster.broadcast(PATH, text));
        // Cluster#broadcast reads the buffer before it returns: the container may reuse it afterwards
        session.addMessageHandler(ByteBuffer.class, data -> cluster.broadcast(PATH, data));
    }
}
