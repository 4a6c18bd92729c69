package io.wssocket.bench;

import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/** The endpoints every Jakarta server under test deploys, with default configuration. */
final class BenchEndpoints {

    private BenchEndpoints() {
    }

    static List<ServerEndpointConfig> configs() {
        return List.of(
                ServerEndpointConfig.Builder.create(EchoEndpoint.class, EchoEndpoint.PATH).build(),
                ServerEndpointConfig.Builder.create(BroadcastEndpoint.class, BroadcastEndpoint.PATH).build(),
                ServerEndpointConfig.Builder.create(SlowEndpoint.class, SlowEndpoint.PATH).build());
    }
}
