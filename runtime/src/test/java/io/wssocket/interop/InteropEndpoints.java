package io.wssocket.interop;

import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.TestCertificates;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.List;
import java.util.function.UnaryOperator;

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

    /**
     * Starts a server with the default limits (16 MiB frames and messages) and the interop
     * endpoints, on an ephemeral loopback port, serving {@code scheme}, admitting pages of
     * {@code allowedOrigins} besides the same origin; {@code options} sets what else the cases
     * need (permessage-deflate).
     */
    static WebSocketServer start(ServerCloses closes, Scheme scheme, String allowedOrigins,
            UnaryOperator<ServerConfig.Builder> options) throws DeploymentException, IOException {
        WebSocketServer server = WebSocketServer.create(options.apply(config(scheme).eventLoops(2).allowedOrigins(allowedOrigins))
                .build());
        try {
            ServerContainer container = server.container();
            container.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, ECHO).build());
            container.addEndpoint(ServerEndpointConfig.Builder.create(FragmentingEchoEndpoint.class, FRAGMENTING_ECHO).build());
            container.addEndpoint(ServerEndpointConfig.Builder.create(StreamingEchoEndpoint.class, STREAMING_ECHO).build());
            ServerEndpointConfig control = ServerEndpointConfig.Builder.create(ControlEndpoint.class, CONTROL).build();
            control.getUserProperties().put(ServerCloses.USER_PROPERTY, closes);
            container.addEndpoint(control);
            container.addEndpoint(ServerEndpointConfig.Builder.create(SubprotocolEndpoint.class, SUBPROTOCOL)
                    .subprotocols(List.of(SubprotocolEndpoint.SUPPORTED)).build());
            server.start();
        } catch (DeploymentException | IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * What every WS Socket server of the interop tests has: an ephemeral port on 127.0.0.1 and,
     * over wss, the test certificate's keystore.
     */
    static ServerConfig.Builder config(Scheme scheme) {
        ServerConfig.Builder builder = ServerConfig.builder().host("127.0.0.1").port(0);
        if (scheme == Scheme.WSS) {
            builder.tlsKeystore(TestCertificates.localhost().keystore().toString())
                    .tlsKeystorePassword(TestCertificates.PASSWORD);
        }
        return builder;
    }
}
