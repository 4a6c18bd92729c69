package io.wssocket.server;

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

/** The endpoints the telemetry tests provoke events with. */
final class TelemetryEndpoints {
    /** Bytes of the message {@link BigSender} sends: more than loopback's socket buffers hold. */
    static final int BIG = 8 * 1024 * 1024;

    private TelemetryEndpoints() {
    }

    /**
     * /echo echoes, /big answers any text with one {@link #BIG}-byte binary message, sent blocking
     * (asynchronously for the text "async").
     */
    static void deploy(ServerContainer container) throws DeploymentException {
        container.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
        container.addEndpoint(ServerEndpointConfig.Builder.create(BigSender.class, "/big").build());
    }

    /** Sends a message a peer that does not read cannot take at once: the send waits. */
    public static final class BigSender extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, text -> {
                if (text.equals("async")) {
                    session.getAsyncRemote().sendBinary(ByteBuffer.allocate(BIG)); // returns at once
                    return;
                }
                try {
                    session.getBasicRemote().sendBinary(ByteBuffer.allocate(BIG));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
