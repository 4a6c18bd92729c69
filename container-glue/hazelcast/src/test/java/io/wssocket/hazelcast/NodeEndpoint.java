package io.wssocket.hazelcast;

import io.wssocket.server.WebSocketServer;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tells a client behind a load balancer where it landed: on open it sends the node's name and the
 * client address the node learned ({@link WebSocketServer#REMOTE_ADDRESS_PROPERTY}, "-" when the
 * node has none), and it keeps the node's count of open sessions. The name and the counter are
 * user properties of the endpoint's configuration, one per server.
 */
public class NodeEndpoint extends Endpoint {
    /** User property: the node's name. */
    static final String NODE = "test.node";
    /** User property: the node's {@link AtomicInteger} of open sessions. */
    static final String OPEN = "test.open";

    private AtomicInteger open;

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        open = (AtomicInteger) config.getUserProperties().get(OPEN);
        open.incrementAndGet();
        Object client = session.getUserProperties().get(WebSocketServer.REMOTE_ADDRESS_PROPERTY);
        String address = client instanceof InetSocketAddress socket ? socket.getAddress().getHostAddress() : "-";
        session.getAsyncRemote().sendText(config.getUserProperties().get(NODE) + " " + address);
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        open.decrementAndGet();
    }
}
