package io.wssocket.server;

import io.wssocket.test.BigSendEndpoint;
import io.wssocket.test.EchoEndpoint;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

/** The endpoints the telemetry tests provoke events with. */
final class TelemetryEndpoints {
    /** Bytes of the message /big sends: more than loopback's socket buffers hold. */
    static final int BIG = BigSendEndpoint.BIG;

    private TelemetryEndpoints() {
    }

    /**
     * /echo echoes, /big answers any text with one {@link #BIG}-byte binary message, sent blocking
     * (asynchronously for the text "async").
     */
    static void deploy(ServerContainer container) throws DeploymentException {
        container.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
        container.addEndpoint(ServerEndpointConfig.Builder.create(BigSendEndpoint.class, "/big").build());
    }
}
