package io.wssocket.client;

import io.wssocket.config.ClientOptions;
import io.wssocket.config.ConfigSources;
import io.wssocket.config.ConnectionSettings;
import io.wssocket.config.Option;
import io.wssocket.config.OptionValues;
import io.wssocket.config.Options;
import io.wssocket.handshake.ProxyAddress;
import java.util.Map;

/**
 * Everything a client container can be told, immutable: the options of {@link ContainerConfig}
 * and the client's own. {@code ContainerProvider.getWebSocketContainer()} makes one with
 * {@link #builder()} for each container it hands out.
 *
 * <p>Each option is read, a later source winning: its default, the configuration file (named by
 * {@code -Dwssocket.config} or {@code WSSOCKET_CONFIG}), the environment variable
 * ({@code WSSOCKET_MAX_MESSAGE_SIZE}), the system property ({@code -Dwssocket.max-message-size}),
 * and last what code sets on the builder. {@link #defaults()} reads none of those sources.
 */
public final class ClientConfig implements ContainerConfig {
    /**
     * A {@code ClientEndpointConfig} user property, {@code true} or {@code false} (a Boolean or
     * its text), that turns reconnection on or off for that endpoint's connections whatever option
     * {@code client-reconnect} says. A session that reconnects is a new {@code Session}, opened on
     * the same endpoint instance when {@code connectToServer} was given an instance, on a new
     * instance when it was given a class.
     */
    public static final String RECONNECT_PROPERTY = "io.wssocket.client.reconnect";

    /**
     * A {@code ClientEndpointConfig} user property: a {@link ReconnectListener} told when the
     * reconnection of that endpoint's sessions gives up (after {@code client-reconnect-attempts}
     * attempts or {@code client-reconnect-time}). Any other value fails {@code connectToServer}
     * with a {@code DeploymentException}.
     */
    public static final String RECONNECT_LISTENER_PROPERTY = "io.wssocket.client.reconnect-listener";

    private final OptionValues values;

    private ClientConfig(OptionValues values) {
        this.values = values;
        ConnectionSettings.of(values, true, clientEventLoops()); // options that contradict each other fail here
        values.convert(ClientOptions.CLIENT_PROXY, ProxyAddress::parse);
    }

    /**
     * A builder holding the values of this process's configuration file, environment and system
     * properties, which the values code sets on it then override.
     *
     * @return a new builder
     * @throws IllegalArgumentException naming the source and the option of a value that is bad
     */
    public static Builder builder() {
        return new Builder(ConfigSources.process());
    }

    /**
     * A builder holding the values of the given environment and system properties (and of the
     * configuration file they name) instead of the process's, for embedders that keep their own
     * settings and for tests.
     *
     * @param environment environment variables by name, e.g. {@code WSSOCKET_CONNECT_TIMEOUT}
     * @param systemProperties system properties by name, e.g. {@code wssocket.connect-timeout}
     * @return a new builder
     * @throws IllegalArgumentException naming the source and the option of a value that is bad
     */
    public static Builder builder(Map<String, String> environment, Map<String, String> systemProperties) {
        return new Builder(ConfigSources.of(environment, systemProperties, Map.of()));
    }

    /**
     * A builder holding the defaults alone: neither the environment, nor system properties, nor a
     * configuration file change what code sets, for an embedder that must not be configured from
     * outside.
     *
     * @return a new builder
     */
    public static Builder defaults() {
        return new Builder(ConfigSources.none());
    }

    @Override
    public Object option(String name) {
        return values.get(name);
    }

    /**
     * Option {@code client-event-loops}: Client: selector threads of the client containers ContainerProvider
     * hands out; shared by all of them, started with the first connection, stopped with the last.
     *
     * @return its value
     */
    public int clientEventLoops() {
        return values.get(ClientOptions.CLIENT_EVENT_LOOPS);
    }

    // Reconnection
    /**
     * Option {@code client-reconnect}: Client: open a new session for the same endpoint when the server closed
     * with 1001, 1012 or 1013, or the connection dropped (1006), with exponential back-off and full jitter.
     *
     * @return its value
     */
    public boolean clientReconnect() {
        return values.get(ClientOptions.CLIENT_RECONNECT);
    }

    /**
     * Whether a connection of an endpoint with these user properties reconnects:
     * {@link #RECONNECT_PROPERTY} if set, else option {@code client-reconnect}.
     *
     * @param userProperties the endpoint configuration's user properties
     * @return true when it reconnects
     */
    public boolean reconnectFor(Map<String, Object> userProperties) {
        Object own = userProperties.get(RECONNECT_PROPERTY);
        return own == null ? clientReconnect() : Boolean.parseBoolean(own.toString().trim());
    }

    /**
     * Option {@code client-reconnect-delay}: Client: the cap of the first attempt's random wait, in
     * milliseconds; it doubles with each attempt that fails.
     *
     * @return its value
     */
    public long clientReconnectDelayMillis() {
        return values.get(ClientOptions.CLIENT_RECONNECT_DELAY);
    }

    /**
     * Option {@code client-reconnect-max-delay}: Client: the largest cap of the random wait before an attempt,
     * in milliseconds.
     *
     * @return its value
     */
    public long clientReconnectMaxDelayMillis() {
        return values.get(ClientOptions.CLIENT_RECONNECT_MAX_DELAY);
    }

    /**
     * Option {@code client-reconnect-attempts}: Client: attempts after one close before giving up.
     *
     * @return its value
     */
    public int clientReconnectAttempts() {
        return values.get(ClientOptions.CLIENT_RECONNECT_ATTEMPTS);
    }

    /**
     * Option {@code client-reconnect-time}: Client: milliseconds after the close beyond which no further
     * attempt starts.
     *
     * @return its value
     */
    public long clientReconnectTimeMillis() {
        return values.get(ClientOptions.CLIENT_RECONNECT_TIME);
    }

    /** Builder of {@link ClientConfig}: one setter for each option. */
    public static final class Builder implements ContainerConfig.Builder<Builder> {
        private final OptionValues values;

        private Builder(ConfigSources sources) {
            this.values = sources.read(Options.CLIENT_CONFIG, "ClientConfig");
        }

        @Override
        public Builder option(String name, String value) {
            values.setText(name, value);
            return this;
        }

        /**
         * Sets option {@code client-event-loops}: Client: selector threads of the client containers
         * ContainerProvider hands out; shared by all of them, started with the first connection, stopped with
         * the last.
         *
         * @param loops its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder clientEventLoops(int loops) {
            return set(ClientOptions.CLIENT_EVENT_LOOPS, loops);
        }

        // Reconnection
        /**
         * Sets option {@code client-reconnect}: Client: open a new session for the same endpoint when the
         * server closed with 1001, 1012 or 1013, or the connection dropped (1006).
         *
         * @param reconnect its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder clientReconnect(boolean reconnect) {
            return set(ClientOptions.CLIENT_RECONNECT, reconnect);
        }

        /**
         * Sets option {@code client-reconnect-delay}: Client: the cap of the first attempt's random wait, in
         * milliseconds.
         *
         * @param millis its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder clientReconnectDelayMillis(long millis) {
            return set(ClientOptions.CLIENT_RECONNECT_DELAY, millis);
        }

        /**
         * Sets option {@code client-reconnect-max-delay}: Client: the largest cap of the random wait before an
         * attempt, in milliseconds.
         *
         * @param millis its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder clientReconnectMaxDelayMillis(long millis) {
            return set(ClientOptions.CLIENT_RECONNECT_MAX_DELAY, millis);
        }

        /**
         * Sets option {@code client-reconnect-attempts}: Client: attempts after one close before giving up.
         *
         * @param attempts its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder clientReconnectAttempts(int attempts) {
            return set(ClientOptions.CLIENT_RECONNECT_ATTEMPTS, attempts);
        }

        /**
         * Sets option {@code client-reconnect-time}: Client: milliseconds after the close beyond which no
         * further attempt starts.
         *
         * @param millis its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder clientReconnectTimeMillis(long millis) {
            return set(ClientOptions.CLIENT_RECONNECT_TIME, millis);
        }

        private <T> Builder set(Option<T> option, T value) {
            values.set(option, value);
            return this;
        }

        @Override
        public ClientConfig build() {
            return new ClientConfig(values.frozen());
        }
    }
}
