package io.wssocket.micrometer;

import io.wssocket.test.EchoEndpoint;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/** The endpoints the metrics tests provoke meters with. */
final class MetricsEndpoints {
    /** Bytes of the message {@link BigSender} sends: more than loopback's socket buffers hold. */
    static final int BIG = 8 * 1024 * 1024;

    private MetricsEndpoints() {
    }

    /** /echo echoes, /rooms/{room} too (a template), /big answers any text with one {@link #BIG}-byte message, sent blocking. */
    static void deploy(ServerContainer container) throws DeploymentException {
        container.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
        container.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/rooms/{room}").build());
        container.addEndpoint(ServerEndpointConfig.Builder.create(BigSender.class, "/big").build());
    }

    /** Sends a message a peer that does not read cannot take at once: the send waits. */
    public static final class BigSender extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, text -> {
                try {
                    session.getBasicRemote().sendBinary(ByteBuffer.allocate(BIG));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
