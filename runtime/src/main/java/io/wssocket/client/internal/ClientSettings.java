package io.wssocket.client.internal;

import io.wssocket.client.ClientConfig;
import io.wssocket.config.ClientOptions;
import io.wssocket.config.ConnectionOptions;
import io.wssocket.config.ConnectionSettings;
import io.wssocket.config.OptionValues;
import io.wssocket.config.Options;
import io.wssocket.handshake.ProxyAddress;
import io.wssocket.transport.TlsContext;
import java.nio.file.Path;

/**
 * What the client's connections are made from, worked out once from a {@link ClientConfig}: the
 * configuration belongs to the exported API and carries no internal type, so the code that runs it
 * reads its options by name and builds the settings of each layer here.
 *
 * @param config the configuration, for its typed options (timeouts, threads)
 * @param connection the settings of each layer of a connection
 * @param proxy the HTTP proxy to tunnel through, or null for a direct connection
 * @param values the configuration's option values
 */
public record ClientSettings(ClientConfig config, ConnectionSettings connection, ProxyAddress proxy, OptionValues values) {

    /**
     * @param config a finished client configuration
     * @return its settings
     */
    public static ClientSettings of(ClientConfig config) {
        OptionValues values = OptionValues.copyOf(Options.CLIENT_CONFIG, "ClientConfig", config::option);
        return new ClientSettings(config, ConnectionSettings.of(values, true, config.clientEventLoops()),
                ProxyAddress.parse(values.get(ClientOptions.CLIENT_PROXY)), values);
    }

    /** @return the TLS context of wss connections: the configured trust store, or the JVM's default */
    TlsContext tlsContext() {
        String truststore = values.get(ClientOptions.CLIENT_TRUSTSTORE);
        return TlsContext.client(truststore.isEmpty() ? null : Path.of(truststore),
                values.get(ClientOptions.CLIENT_TRUSTSTORE_PASSWORD).toCharArray(), ConnectionOptions.tlsProtocols(values));
    }
}
