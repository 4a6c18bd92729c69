package io.wssocket.samples.programmatic;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Set;

/**
 * Deploys the rooms as a programmatic endpoint: the path template, subprotocols, configurator,
 * encoder and decoder are given in code here instead of in annotations (Jakarta WebSocket 2.2 §6.2).
 */
public class RoomsApplication implements ServerApplicationConfig {
    public static final String PATH = "/rooms/{room}";
    /** In the server's order of preference. */
    public static final List<String> SUBPROTOCOLS = List.of("chat.v2", "chat.v1");

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
        return Set.of(ServerEndpointConfig.Builder.create(RoomEndpoint.class, PATH)
                .subprotocols(SUBPROTOCOLS)
                .encoders(List.of(ChatMessageEncoder.class))
                .decoders(List.of(ChatMessageDecoder.class))
                .configurator(new RoomConfigurator())
                .build());
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return Set.of();
    }
}
