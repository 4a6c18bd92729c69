package io.wssocket.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The option tables of the server and of the client, and every option by name. */
public final class Options {
    /** What {@code ServerConfig} holds: both ends' options, the server's, and its container's client options. */
    public static final List<Option<?>> SERVER_CONFIG = concat(ConnectionOptions.ALL, ServerOptions.ALL,
            TelemetryOptions.ALL, ClientOptions.OUTBOUND, ClusterOptions.ALL);
    /** What {@code ClientConfig} holds: both ends' options and the client's. */
    public static final List<Option<?>> CLIENT_CONFIG = concat(ConnectionOptions.ALL, ClientOptions.ALL);
    /** Every option, each once. */
    public static final List<Option<?>> ALL = concat(ConnectionOptions.ALL, ServerOptions.ALL, TelemetryOptions.ALL,
            ClientOptions.ALL, ClusterOptions.ALL);
    private static final Map<String, Option<?>> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Option::name, Function.identity()));

    private Options() {
    }

    /** @return the option of that name, or null */
    public static Option<?> byName(String name) {
        return BY_NAME.get(name);
    }

    @SafeVarargs
    private static List<Option<?>> concat(List<Option<?>>... tables) {
        List<Option<?>> all = new ArrayList<>();
        for (List<Option<?>> table : tables) {
            all.addAll(table);
        }
        return List.copyOf(all);
    }
}
