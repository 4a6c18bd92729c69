package io.wssocket.interop;

import io.wssocket.test.EchoEndpoint;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a peer server of {@link ServerInteropCases} offers, and its deployment into any Jakarta
 * WebSocket server container (Tyrus, Jetty and Tomcat share it; {@code src/test/node/ws-peer-server.mjs}
 * implements the same paths and commands for Node.js):
 * <ul>
 * <li>{@value InteropEndpoints#ECHO}: every message back whole ({@link EchoEndpoint});
 * <li>{@value InteropEndpoints#FRAGMENTING_ECHO}: every message back in three frames
 *     ({@link FragmentingEchoEndpoint});
 * <li>{@value InteropEndpoints#CONTROL}: pings, closes and close reports on command
 *     ({@link PeerControlEndpoint});
 * <li>{@value #SUBPROTOCOL}: selects {@value #SUBPROTOCOL_NAME} when offered and says which
 *     subprotocol it got ({@link SubprotocolReportEndpoint}).
 * </ul>
 */
final class PeerServerEndpoints {
    static final String SUBPROTOCOL = "/subprotocol";
    static final String SUBPROTOCOL_NAME = "chat.v2";
    /** Room for the cases' 16 MiB messages plus frame headers; every peer accepts messages this large. */
    static final int MAX_MESSAGE = 17 * InteropPayloads.MIB;

    private PeerServerEndpoints() {
    }

    /**
     * Deploys the peer endpoints with the server's own default configurator.
     *
     * <p>{@code ServerEndpointConfig.Builder} would otherwise take the container default from
     * {@code ServiceLoader}, which picks the first {@code ServerEndpointConfig$Configurator} on the
     * class path: in this module that is WS Socket's own (target/classes comes before the peers'
     * jars), and Tyrus, Jetty and Tomcat would all negotiate and create endpoints with it. Each
     * peer passes the configurator it registers as that service in its own jar, so it behaves as
     * it does when deployed alone.
     */
    static void deploy(ServerContainer container, Supplier<ServerEndpointConfig.Configurator> nativeConfigurator)
            throws DeploymentException {
        deploy(container, nativeConfigurator, "", List.of());
    }

    /**
     * Deploys the peer endpoints as {@link #deploy(ServerContainer, Supplier)} does, under
     * {@code prefix} (so {@code /deflate/echo}), each listing {@code extensions} in its
     * configuration: what a server that negotiates only the extensions an endpoint lists (Tyrus)
     * needs for permessage-deflate. Jetty and Tomcat offer theirs on every endpoint.
     */
    static void deploy(ServerContainer container, Supplier<ServerEndpointConfig.Configurator> nativeConfigurator,
            String prefix, List<Extension> extensions) throws DeploymentException {
        container.setDefaultMaxTextMessageBufferSize(MAX_MESSAGE);
        container.setDefaultMaxBinaryMessageBufferSize(MAX_MESSAGE);
        container.addEndpoint(config(EchoEndpoint.class, prefix + InteropEndpoints.ECHO, nativeConfigurator, extensions).build());
        container.addEndpoint(config(FragmentingEchoEndpoint.class, prefix + InteropEndpoints.FRAGMENTING_ECHO, nativeConfigurator,
                extensions).build());
        ServerEndpointConfig control = config(PeerControlEndpoint.class, prefix + InteropEndpoints.CONTROL, nativeConfigurator,
                extensions).build();
        control.getUserProperties().put(ServerCloses.USER_PROPERTY, new ServerCloses());
        container.addEndpoint(control);
        container.addEndpoint(config(SubprotocolReportEndpoint.class, prefix + SUBPROTOCOL, nativeConfigurator, extensions)
                .subprotocols(List.of(SUBPROTOCOL_NAME)).build());
    }

    private static ServerEndpointConfig.Builder config(Class<? extends Endpoint> endpoint, String path,
            Supplier<ServerEndpointConfig.Configurator> nativeConfigurator, List<Extension> extensions) {
        return ServerEndpointConfig.Builder.create(endpoint, path).configurator(nativeConfigurator.get()).extensions(extensions);
    }
}
