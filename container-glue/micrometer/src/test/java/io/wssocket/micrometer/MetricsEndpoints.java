package io.wssocket.micrometer;

import io.wssocket.test.BigSendEndpoint;
import io.wssocket.test.EchoEndpoint;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

/** The endpoints the metrics tests provoke meters with. */
final class MetricsEndpoints {
    /** Bytes of the message /big sends: more than loopback's socket buffers hold. */
    static final int BIG = BigSendEndpoint.BIG;

    private MetricsEndpoints() {
    }

    /** /echo echoes, /rooms/{room} too (a template), /big answers any text with one {@link #BIG}-byte message, sent blocking. */
    static void deploy(ServerContainer container) throws DeploymentException {
        container.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
        container.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/rooms/{room}").build());
        container.addEndpoint(ServerEndpointConfig.Builder.create(BigSendEndpoint.class, "/big").build());
    }
}
