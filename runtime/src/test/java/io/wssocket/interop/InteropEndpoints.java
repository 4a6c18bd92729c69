package io.wssocket.interop;

import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RunningServer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/** The server side of the interop tests: one server with every endpoint the cases need. */
final class InteropEndpoints {
    /** Whole messages in, whole messages out ({@link EchoEndpoint}). */
    static final String ECHO = "/echo";
    /** Whole messages in, each sent back in three parts ({@link FragmentingEchoEndpoint}). */
    static final String FRAGMENTING_ECHO = "/fragmenting-echo";
    /** Partial handlers sending back each piece as it arrives ({@link StreamingEchoEndpoint}). */
    static final String STREAMING_ECHO = "/streaming-echo";
    /** Pings, pongs and closes on command ({@link ControlEndpoint}). */
    static final String CONTROL = "/control";
    /** Supports {@value SubprotocolEndpoint#SUPPORTED} and reports what it negotiated ({@link SubprotocolEndpoint}). */
    static final String SUBPROTOCOL = "/subprotocol";

    private InteropEndpoints() {
    }

    /** A server with the default limits (16 MiB frames and messages) and the interop endpoints. */
    static RunningServer server(ServerCloses closes) {
        return RunningServer.withEndpoints(container -> {
            container.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, ECHO).build());
            container.addEndpoint(ServerEndpointConfig.Builder.create(FragmentingEchoEndpoint.class, FRAGMENTING_ECHO).build());
            container.addEndpoint(ServerEndpointConfig.Builder.create(StreamingEchoEndpoint.class, STREAMING_ECHO).build());
            ServerEndpointConfig control = ServerEndpointConfig.Builder.create(ControlEndpoint.class, CONTROL).build();
            control.getUserProperties().put(ServerCloses.USER_PROPERTY, closes);
            container.addEndpoint(control);
            container.addEndpoint(ServerEndpointConfig.Builder.create(SubprotocolEndpoint.class, SUBPROTOCOL)
                    .subprotocols(List.of(SubprotocolEndpoint.SUPPORTED)).build());
        });
    }
}
