package io.wssocket.server;

import io.wssocket.client.ClientConfig;
import io.wssocket.client.ContainerConfig;
import io.wssocket.config.ClientOptions;
import io.wssocket.config.ClusterOptions;
import io.wssocket.config.ConfigSources;
import io.wssocket.config.ConnectionOptions;
import io.wssocket.config.ConnectionSettings;
import io.wssocket.config.Option;
import io.wssocket.config.OptionValues;
import io.wssocket.config.Options;
import io.wssocket.config.ServerOptions;
import io.wssocket.config.TelemetryOptions;
import io.wssocket.config.UserPropertyFlag;
import io.wssocket.handshake.ProxyAddress;
import io.wssocket.handshake.TrustedProxies;
import io.wssocket.spi.ClusterSettings;
import io.wssocket.spi.ServerMetricsListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a {@link WebSocketServer} can be told, immutable: the options of
 * {@link ContainerConfig}, which its sessions and its container's own client connections use, and
 * the server's own.
 *
 * <p>Each option is read, a later source winning: its default, the configuration file (named by
 * {@code --config}, {@code -Dwssocket.config} or {@code WSSOCKET_CONFIG}), the environment variable
 * ({@code WSSOCKET_PORT}), the system property ({@code -Dwssocket.port}), the command line of the
 * bootstrap main ({@code --port}), and last what code sets on the builder. {@link #defaults()}
 * reads none of those sources.
 */
public final class ServerConfig implements ContainerConfig {
    private final OptionValues values;
    private final HandshakeAuthenticator authenticator;
    private final OriginPolicy allowedOrigins;
    private final TlsSettings tls;
    private final ConnectionSettings connection;
    private final ClientConfig clientConfig;
    private final TrustedProxies trustedProxies;
    private final TrustedProxies adminAllow;
    private final List<ServerMetricsListener> metricsListeners;

    private ServerConfig(Builder b) {
        this.values = b.values.frozen();
        this.metricsListeners = List.copyOf(b.metricsListeners);
        this.authenticator = b.authenticator;
        this.connection = ConnectionSettings.of(values, false, eventLoops());
        this.allowedOrigins = values.convert(ServerOptions.ALLOWED_ORIGINS, OriginPolicy::parse);
        this.tls = TlsSettings.of(values);
        values.require(!tls.serverEnabled() || readBufferSize() >= 32768, ConnectionOptions.READ_BUFFER_SIZE,
                "read-buffer-size must be at least 32768 with TLS (a TLS record decrypts to up to 16 KiB)");
        values.convert(ClientOptions.CLIENT_PROXY, ProxyAddress::parse);
        String healthPath = healthPath();
        values.require(healthPath.isEmpty() || healthPath.startsWith("/") && !healthPath.endsWith("/"),
                ServerOptions.HEALTH_PATH, "health-path must be empty or start with '/' and not end with it");
        values.require(!metrics() || !healthPath.isEmpty(), TelemetryOptions.METRICS,
                "metrics answers at <health-path>/metrics: it needs a health-path (the default is /health)");
        this.trustedProxies = values.convert(ServerOptions.TRUSTED_PROXIES, TrustedProxies::parse);
        this.adminAllow = values.convert(ServerOptions.ADMIN_ALLOW, TrustedProxies::parse);
        // Without a trusted peer the option would refuse every connection, or do nothing: a mistake either way.
        values.require(!proxyProtocol() || !trustedProxies.isEmpty(), ServerOptions.PROXY_PROTOCOL,
                "proxy-protocol needs trusted-proxies: the load balancers' addresses or blocks (0.0.0.0/0,::/0 for "
                        + "any peer, when only balancers can reach the port)");
        values.require(forwardedHeaders().equals("off") || !trustedProxies.isEmpty(), ServerOptions.FORWARDED_HEADERS,
                "forwarded-headers needs trusted-proxies: the addresses of the proxies that set the header");
        this.clientConfig = clientConfig(values);
    }

    /** The server's values of the options a client configuration has too; the client's own defaults for the rest. */
    private static ClientConfig clientConfig(OptionValues values) {
        ClientConfig.Builder client = ClientConfig.defaults();
        for (Option<?> option : Options.SERVER_CONFIG) {
            if (Options.CLIENT_CONFIG.contains(option)) {
                client.option(option.name(), String.valueOf(values.get(option)));
            }
        }
        return client.build();
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
     * A builder holding the values of the given sources instead of the process's: for the
     * bootstrap main, for embedders that keep their own settings, and for tests.
     *
     * @param environment environment variables by name, e.g. {@code WSSOCKET_PORT}
     * @param systemProperties system properties by name, e.g. {@code wssocket.port}
     * @param commandLine option name to value as given on a command line, e.g. {@code port} to
     *     {@code 9000}; the name {@code config} names the configuration file
     * @return a new builder
     * @throws IllegalArgumentException naming the source and the option of a value that is bad
     */
    public static Builder builder(Map<String, String> environment, Map<String, String> systemProperties,
                                  Map<String, String> commandLine) {
        return new Builder(ConfigSources.of(environment, systemProperties, commandLine));
    }

    /**
     * A builder holding the defaults alone: neither the environment, nor system properties, nor a
     * configuration file change what code sets, for an embedder that must not be configured from
     * outside (two servers in one JVM, a test).
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
     * Option {@code access-log}: Where the access log goes: off, logger or file.
     *
     * @return its value
     */
    public String accessLog() {
        return values.get(TelemetryOptions.ACCESS_LOG);
    }

    /**
     * Option {@code access-log-format}: Format of the access log's lines: common or json.
     *
     * @return its value
     */
    public String accessLogFormat() {
        return values.get(TelemetryOptions.ACCESS_LOG_FORMAT);
    }

    /**
     * Option {@code access-log-file}: File the access log is appended to when access-log=file.
     *
     * @return its value
     */
    public String accessLogFile() {
        return values.get(TelemetryOptions.ACCESS_LOG_FILE);
    }

    /**
     * Option {@code access-log-queue-bytes}: Bytes of access-log lines that may wait for the writer; beyond it lines are dropped and counted.
     *
     * @return its value
     */
    public long accessLogQueueBytes() {
        return values.get(TelemetryOptions.ACCESS_LOG_QUEUE_BYTES);
    }

    /**
     * Option {@code jmx}: Registers the server's counters as an MBean while it serves.
     *
     * @return its value
     */
    public boolean jmx() {
        return values.get(TelemetryOptions.JMX);
    }

    /**
     * Option {@code metrics}: Answers GET &lt;health-path&gt;/metrics with the server's meters, from a metrics module on the class path.
     *
     * @return its value
     */
    public boolean metrics() {
        return values.get(TelemetryOptions.METRICS);
    }

    /**
     * Option {@code slow-send-threshold}: Milliseconds a blocking send may wait for the peer before it is told as a slow send.
     *
     * @return its value
     */
    public long slowSendThresholdMillis() {
        return values.get(TelemetryOptions.SLOW_SEND_THRESHOLD);
    }

    /**
     * Option {@code loop-stall-threshold}: Milliseconds one event-loop turn may take before it is told as a stall; 0 does not time turns.
     *
     * @return its value
     */
    public long loopStallThresholdMillis() {
        return values.get(TelemetryOptions.LOOP_STALL_THRESHOLD);
    }

    /**
     * The metrics listeners set in code ({@link Builder#metricsListener}); those found with the
     * ServiceLoader are not among them.
     *
     * @return them, in the order they were added
     */
    public List<ServerMetricsListener> metricsListeners() {
        return metricsListeners;
    }

    /**
     * Option {@code host}: Address to listen on (0.0.0.0 for all IPv4 interfaces, :: for all).
     *
     * @return its value
     */
    public String host() {
        return values.get(ServerOptions.HOST);
    }

    /**
     * Option {@code port}: TCP port to listen on; 0 picks a free one.
     *
     * @return its value
     */
    public int port() {
        return values.get(ServerOptions.PORT);
    }

    /**
     * Option {@code backlog}: Pending-connection queue length of the listening socket.
     *
     * @return its value
     */
    public int backlog() {
        return values.get(ServerOptions.BACKLOG);
    }

    /**
     * Option {@code event-loops}: Selector threads that own the sockets (default: number of cores).
     *
     * @return its value
     */
    public int eventLoops() {
        return values.get(ServerOptions.EVENT_LOOPS);
    }

    /**
     * Option {@code max-connections}: Open connections beyond which new ones get 503 with Retry-After (a few
     * more, max(8, 1/16 of it), may be held while they are told so; beyond those a socket is closed
     * unanswered).
     *
     * @return its value
     */
    public int maxConnections() {
        return values.get(ServerOptions.MAX_CONNECTIONS);
    }

    /**
     * Option {@code max-connections-per-address}: Open connections from one remote IP address beyond which new
     * ones get 429 with Retry-After, so one address cannot take every place; 0 for no limit.
     *
     * @return its value
     */
    public int maxConnectionsPerAddress() {
        return values.get(ServerOptions.MAX_CONNECTIONS_PER_ADDRESS);
    }

    /**
     * Option {@code proxy-protocol}: Every connection starts with a PROXY protocol header, version 1 or 2
     * (HAProxy send-proxy or send-proxy-v2, nginx proxy_protocol), before TLS and HTTP.
     *
     * @return its value
     */
    public boolean proxyProtocol() {
        return values.get(ServerOptions.PROXY_PROTOCOL);
    }

    /**
     * Option {@code trusted-proxies}: Load balancers and proxies whose word on the client's address is
     * taken: IP addresses and CIDR blocks, IPv4 and IPv6, comma-separated.
     *
     * @return its value, as given
     */
    public String trustedProxies() {
        return values.get(ServerOptions.TRUSTED_PROXIES);
    }

    /**
     * Option {@code forwarded-headers}: Take the client's address from this request header when the peer
     * is in trusted-proxies: {@code off}, {@code forwarded} (RFC 7239) or {@code x-forwarded-for}.
     *
     * @return its value, in lower case
     */
    public String forwardedHeaders() {
        return values.get(ServerOptions.FORWARDED_HEADERS);
    }

    /** The trusted-proxies option read into address blocks. */
    TrustedProxies trustedProxyBlocks() {
        return trustedProxies;
    }

    /**
     * Option {@code tls-handshake-threads}: Threads that run TLS handshake crypto (the SSLEngine's delegated
     * tasks), so that a flood of handshakes cannot stall the event loops and the sessions they carry.
     *
     * @return its value
     */
    public int tlsHandshakeThreads() {
        return values.get(ServerOptions.TLS_HANDSHAKE_THREADS);
    }

    /**
     * Option {@code max-tls-handshakes}: TLS handshakes in progress at once; a connection accepted beyond it is
     * closed at once (counted in the log), so a handshake flood cannot starve established sessions.
     *
     * @return its value
     */
    public int maxTlsHandshakes() {
        return values.get(ServerOptions.MAX_TLS_HANDSHAKES);
    }

    /**
     * Option {@code max-outbound-bytes}: Bytes queued for sending on all connections of the server together.
     *
     * @return its value
     */
    public long maxOutboundBytes() {
        return values.get(ServerOptions.MAX_OUTBOUND_BYTES);
    }

    /**
     * Option {@code handshake-threads}: Threads running handshakes (authenticator, configurator) and static
     * file reads, apart from endpoint code so that busy endpoints never delay a handshake.
     *
     * @return its value
     */
    public int handshakeThreads() {
        return values.get(ServerOptions.HANDSHAKE_THREADS);
    }

    /**
     * Option {@code handshake-queue}: Handshakes and static-file requests waiting for a handshake thread beyond
     * which new ones get 503 with Retry-After.
     *
     * @return its value
     */
    public int handshakeQueue() {
        return values.get(ServerOptions.HANDSHAKE_QUEUE);
    }

    /**
     * Option {@code static-resources}: Answer plain HTTP GET and HEAD requests (no 'Upgrade: websocket') with
     * the files under META-INF/resources/ of the deployed application whose context path matches.
     *
     * @return its value
     */
    public boolean staticResources() {
        return values.get(ServerOptions.STATIC_RESOURCES);
    }

    /**
     * Option {@code max-static-file-size}: Largest static resource served, in bytes; a larger one is answered
     * with 500 and a warning in the log (each file is read whole into memory to be sent, from one array).
     *
     * @return its value
     */
    public long maxStaticFileSize() {
        return values.get(ServerOptions.MAX_STATIC_FILE_SIZE);
    }

    /**
     * Option {@code tls-keystore}: PKCS#12 keystore with the server's private key and certificate chain: the
     * port serves wss:// (TLS) instead of ws://.
     *
     * @return its value
     */
    public String tlsKeystore() {
        return values.get(ServerOptions.TLS_KEYSTORE);
    }

    /**
     * Option {@code tls-cert}: PEM certificate chain (leaf first), instead of a keystore; needs tls-key.
     *
     * @return its value
     */
    public String tlsCertificate() {
        return values.get(ServerOptions.TLS_CERT);
    }

    /**
     * Option {@code tls-key}: PEM private key (unencrypted PKCS#8, 'BEGIN PRIVATE KEY') for tls-cert.
     *
     * @return its value
     */
    public String tlsKey() {
        return values.get(ServerOptions.TLS_KEY);
    }

    // Health and drain
    /**
     * Option {@code health-path}: Prefix of the health endpoints ({@code <prefix>/live},
     * {@code <prefix>/ready}, and {@code <prefix>/drain} on the health-port listener); empty for none.
     *
     * @return its value
     */
    public String healthPath() {
        return values.get(ServerOptions.HEALTH_PATH);
    }

    /**
     * Option {@code health-port}: Port of a separate plain-HTTP listener for the health endpoints and the
     * drain request; 0 to answer the health endpoints on the main port instead.
     *
     * @return its value
     */
    public int healthPort() {
        return values.get(ServerOptions.HEALTH_PORT);
    }

    /**
     * Option {@code health-host}: Address the health-port listener binds to; loopback by default.
     *
     * @return its value
     */
    public String healthHost() {
        return values.get(ServerOptions.HEALTH_HOST);
    }

    /**
     * Option {@code drain-grace}: Milliseconds a draining server keeps its sessions open after it began to
     * report not-ready, so that the load balancer notices.
     *
     * @return its value
     */
    public long drainGraceMillis() {
        return values.get(ServerOptions.DRAIN_GRACE);
    }

    /**
     * Option {@code drain-window}: Milliseconds over which a draining server closes its sessions with 1001,
     * spread evenly.
     *
     * @return its value
     */
    public long drainWindowMillis() {
        return values.get(ServerOptions.DRAIN_WINDOW);
    }

    /**
     * Option {@code callbacks-on-loop}: whether endpoint code runs on the event loop that read the
     * message, instead of on the callback pool.
     *
     * @return its value
     */
    public boolean callbacksOnLoop() {
        return values.get(ServerOptions.CALLBACKS_ON_LOOP);
    }

    /**
     * A user property of a {@code ServerEndpointConfig} that runs that endpoint's code on the event
     * loop ({@code Boolean.TRUE} or {@code "true"}) or on the callback pool ({@code Boolean.FALSE}
     * or {@code "false"}), whatever option {@code callbacks-on-loop} says for the server: set it on
     * the endpoints that never block.
     */
    public static final String CALLBACKS_ON_LOOP_PROPERTY = "io.wssocket.callbacks-on-loop";

    /**
     * Whether an endpoint's code runs on the event loop: its user property
     * {@link #CALLBACKS_ON_LOOP_PROPERTY} if set, else option {@code callbacks-on-loop}.
     *
     * @param userProperties the endpoint configuration's user properties
     * @return whether its sessions' endpoint code runs on their event loop
     */
    public boolean callbacksOnLoopFor(Map<String, Object> userProperties) {
        return UserPropertyFlag.of(userProperties, CALLBACKS_ON_LOOP_PROPERTY, callbacksOnLoop());
    }

    // Admin view
    /**
     * Option {@code admin-view}: whether the health-port listener answers the admin view,
     * {@code <health-path>/admin} and {@code <health-path>/admin/status.json}.
     *
     * @return its value
     */
    public boolean adminView() {
        return values.get(ServerOptions.ADMIN_VIEW);
    }

    /**
     * Option {@code admin-allow}: peers besides loopback that the admin view answers, IP addresses and
     * CIDR blocks, comma-separated.
     *
     * @return its value
     */
    public String adminAllow() {
        return values.get(ServerOptions.ADMIN_ALLOW);
    }

    /** The admin-allow option read into address blocks. */
    TrustedProxies adminAllowBlocks() {
        return adminAllow;
    }

    /** Every option's value and where it came from, for the admin view's table of limits. */
    OptionValues optionValues() {
        return values;
    }

    /**
     * Option {@code allowed-origins}: the origins every endpoint admits unless it names its own.
     *
     * @return the policy the option's list makes
     */
    public OriginPolicy allowedOrigins() {
        return allowedOrigins;
    }

    /**
     * Who may open a WebSocket; set in code only (it is code, not a value).
     *
     * @return the authenticator, {@link HandshakeAuthenticator#ANONYMOUS} unless one was set
     */
    public HandshakeAuthenticator authenticator() {
        return authenticator;
    }

    /**
     * Whether the server port speaks TLS (wss://): tls-keystore, or tls-cert and tls-key, are set.
     *
     * @return true for TLS
     */
    public boolean tlsEnabled() {
        return tls.serverEnabled();
    }

    /**
     * The configuration of the client connections the server's container opens with
     * {@code connectToServer}: this configuration's values of the options both have.
     *
     * @return the client configuration
     */
    public ClientConfig clientConfig() {
        return clientConfig;
    }

    // ---- cluster options (ClusterOptions), kept together ----

    /**
     * Option {@code cluster-name}: name of the cluster this server joins; empty for none.
     *
     * @return its value
     */
    public String clusterName() {
        return values.get(ClusterOptions.CLUSTER_NAME);
    }

    /**
     * Option {@code cluster-members}: the cluster's members as host:port, comma-separated.
     *
     * @return its value
     */
    public String clusterMembers() {
        return values.get(ClusterOptions.CLUSTER_MEMBERS);
    }

    /**
     * Option {@code cluster-port}: TCP port of this node's cluster member.
     *
     * @return its value
     */
    public int clusterPort() {
        return values.get(ClusterOptions.CLUSTER_PORT);
    }

    /**
     * Option {@code cluster-host}: address this node's cluster member binds to and announces.
     *
     * @return its value
     */
    public String clusterHost() {
        return values.get(ClusterOptions.CLUSTER_HOST);
    }

    /**
     * Option {@code cluster-client}: connect to an existing cluster as a client instead of running
     * a member in this server.
     *
     * @return its value
     */
    public boolean clusterClient() {
        return values.get(ClusterOptions.CLUSTER_CLIENT);
    }

    /**
     * Option {@code cluster-client-lease}: with cluster-client, milliseconds a client node's lease
     * lasts without renewal before the other nodes take it for gone.
     *
     * @return its value
     */
    public long clusterClientLeaseMillis() {
        return values.get(ClusterOptions.CLUSTER_CLIENT_LEASE);
    }

    /**
     * Option {@code cluster-presence-pending-max}: sessions of this node whose presence change may
     * wait at once to be recorded in the cluster; past it the node re-syncs its presence instead.
     *
     * @return its value
     */
    public int clusterPresencePendingMax() {
        return values.get(ClusterOptions.CLUSTER_PRESENCE_PENDING_MAX);
    }

    /**
     * How this server joins its cluster, from the cluster options.
     *
     * @return the settings, or null when {@code cluster-name} is empty
     */
    public ClusterSettings clusterSettings() {
        if (clusterName().isEmpty()) {
            return null;
        }
        List<String> members = Arrays.stream(clusterMembers().split(","))
                .map(String::strip).filter(m -> !m.isEmpty()).toList();
        return new ClusterSettings(clusterName(), members, clusterHost(), clusterPort(), clusterClient(),
                clusterClientLeaseMillis());
    }

    TlsSettings tls() {
        return tls;
    }

    /** @return the settings of each layer of the server's connections */
    ConnectionSettings connection() {
        return connection;
    }

    /** Builder of {@link ServerConfig}: one setter for each option, and the authenticator. */
    public static final class Builder implements ContainerConfig.Builder<Builder> {
        private final OptionValues values;
        private HandshakeAuthenticator authenticator = HandshakeAuthenticator.ANONYMOUS;
        private final List<ServerMetricsListener> metricsListeners = new ArrayList<>();

        private Builder(ConfigSources sources) {
            this.values = sources.read(Options.SERVER_CONFIG, "ServerConfig");
        }

        @Override
        public Builder option(String name, String value) {
            values.setText(name, value);
            return this;
        }

        /**
         * Sets option {@code host}: Address to listen on (0.0.0.0 for all IPv4 interfaces, :: for all).
         *
         * @param host its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder host(String host) {
            return set(ServerOptions.HOST, host);
        }

        /**
         * Sets option {@code port}: TCP port to listen on; 0 picks a free one.
         *
         * @param port its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder port(int port) {
            return set(ServerOptions.PORT, port);
        }

        /**
         * Sets option {@code backlog}: Pending-connection queue length of the listening socket.
         *
         * @param backlog its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder backlog(int backlog) {
            return set(ServerOptions.BACKLOG, backlog);
        }

        /**
         * Sets option {@code event-loops}: Selector threads that own the sockets (default: number of cores).
         *
         * @param eventLoops its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder eventLoops(int eventLoops) {
            return set(ServerOptions.EVENT_LOOPS, eventLoops);
        }

        /**
         * Sets option {@code max-connections}: Open connections beyond which new ones get 503 with Retry-After
         * (a few more, max(8, 1/16 of it), may be held while they are told so; beyond those a socket is closed
         * unanswered).
         *
         * @param connections its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder maxConnections(int connections) {
            return set(ServerOptions.MAX_CONNECTIONS, connections);
        }

        /**
         * Sets option {@code max-connections-per-address}: Open connections from one remote IP address beyond
         * which new ones get 429 with Retry-After, so one address cannot take every place; 0 for no limit.
         *
         * @param connections its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder maxConnectionsPerAddress(int connections) {
            return set(ServerOptions.MAX_CONNECTIONS_PER_ADDRESS, connections);
        }

        /**
         * Sets option {@code proxy-protocol}: Every connection starts with a PROXY protocol header, version 1
         * or 2 (HAProxy send-proxy or send-proxy-v2, nginx proxy_protocol), before TLS and HTTP; needs
         * trusted-proxies.
         *
         * @param proxyProtocol its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder proxyProtocol(boolean proxyProtocol) {
            return set(ServerOptions.PROXY_PROTOCOL, proxyProtocol);
        }

        /**
         * Sets option {@code trusted-proxies}: Load balancers and proxies whose word on the client's address is
         * taken: IP addresses and CIDR blocks, IPv4 and IPv6, comma-separated (e.g. 10.0.0.0/8, fd00::/8).
         *
         * @param proxies its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder trustedProxies(String proxies) {
            return set(ServerOptions.TRUSTED_PROXIES, proxies);
        }

        /**
         * Sets option {@code forwarded-headers}: Take the client's address from this request header when the
         * peer is in trusted-proxies: {@code off}, {@code forwarded} (RFC 7239) or {@code x-forwarded-for}.
         *
         * @param header its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder forwardedHeaders(String header) {
            return set(ServerOptions.FORWARDED_HEADERS, header);
        }

        /**
         * Sets option {@code tls-handshake-threads}: Threads that run TLS handshake crypto (the SSLEngine's
         * delegated tasks), so that a flood of handshakes cannot stall the event loops and the sessions they
         * carry.
         *
         * @param threads its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder tlsHandshakeThreads(int threads) {
            return set(ServerOptions.TLS_HANDSHAKE_THREADS, threads);
        }

        /**
         * Sets option {@code max-tls-handshakes}: TLS handshakes in progress at once; a connection accepted
         * beyond it is closed at once (counted in the log), so a handshake flood cannot starve established
         * sessions.
         *
         * @param handshakes its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder maxTlsHandshakes(int handshakes) {
            return set(ServerOptions.MAX_TLS_HANDSHAKES, handshakes);
        }

        /**
         * Sets option {@code allowed-origins}: Origins (scheme://host[:port], comma-separated) that may open a
         * WebSocket besides the same origin; * for every origin.
         *
         * @param origins its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder allowedOrigins(String origins) {
            return set(ServerOptions.ALLOWED_ORIGINS, origins);
        }

        /**
         * Sets option {@code max-outbound-bytes}: Bytes queued for sending on all connections of the server
         * together.
         *
         * @param bytes its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder maxOutboundBytes(long bytes) {
            return set(ServerOptions.MAX_OUTBOUND_BYTES, bytes);
        }

        /**
         * Sets option {@code handshake-threads}: Threads running handshakes (authenticator, configurator) and
         * static file reads, apart from endpoint code so that busy endpoints never delay a handshake.
         *
         * @param threads its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder handshakeThreads(int threads) {
            return set(ServerOptions.HANDSHAKE_THREADS, threads);
        }

        /**
         * Sets option {@code handshake-queue}: Handshakes and static-file requests waiting for a handshake
         * thread beyond which new ones get 503 with Retry-After.
         *
         * @param handshakes its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder handshakeQueue(int handshakes) {
            return set(ServerOptions.HANDSHAKE_QUEUE, handshakes);
        }

        /**
         * Sets option {@code static-resources}: Answer plain HTTP GET and HEAD requests (no 'Upgrade:
         * websocket') with the files under META-INF/resources/ of the deployed application whose context path
         * matches.
         *
         * @param staticResources its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder staticResources(boolean staticResources) {
            return set(ServerOptions.STATIC_RESOURCES, staticResources);
        }

        /**
         * Sets option {@code max-static-file-size}: Largest static resource served, in bytes; a larger one is
         * answered with 500 and a warning in the log (each file is read whole into memory to be sent, from one
         * array).
         *
         * @param bytes its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder maxStaticFileSize(long bytes) {
            return set(ServerOptions.MAX_STATIC_FILE_SIZE, bytes);
        }

        /**
         * Sets option {@code tls-keystore}: PKCS#12 keystore with the server's private key and certificate
         * chain: the port serves wss:// (TLS) instead of ws://.
         *
         * @param path its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder tlsKeystore(String path) {
            return set(ServerOptions.TLS_KEYSTORE, path);
        }

        /**
         * Sets option {@code tls-keystore-password}: Password of the TLS keystore (prefer the environment
         * variable, the system property or the configuration file to the flag, which other users of the machine
         * can see).
         *
         * @param password its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder tlsKeystorePassword(String password) {
            return set(ServerOptions.TLS_KEYSTORE_PASSWORD, password);
        }

        /**
         * Sets option {@code tls-cert}: PEM certificate chain (leaf first), instead of a keystore; needs
         * tls-key.
         *
         * @param path its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder tlsCertificate(String path) {
            return set(ServerOptions.TLS_CERT, path);
        }

        /**
         * Sets option {@code tls-key}: PEM private key (unencrypted PKCS#8, 'BEGIN PRIVATE KEY') for tls-cert.
         *
         * @param path its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder tlsKey(String path) {
            return set(ServerOptions.TLS_KEY, path);
        }

        // Health and drain
        /**
         * Sets option {@code health-path}: Prefix of the health endpoints; empty for none.
         *
         * @param path its value: empty, or starting with '/' and not ending with it
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder healthPath(String path) {
            return set(ServerOptions.HEALTH_PATH, path);
        }

        /**
         * Sets option {@code health-port}: Port of a separate plain-HTTP listener for the health endpoints
         * and the drain request; 0 to answer the health endpoints on the main port instead.
         *
         * @param port its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder healthPort(int port) {
            return set(ServerOptions.HEALTH_PORT, port);
        }

        /**
         * Sets option {@code health-host}: Address the health-port listener binds to.
         *
         * @param host its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder healthHost(String host) {
            return set(ServerOptions.HEALTH_HOST, host);
        }

        /**
         * Sets option {@code drain-grace}: Milliseconds a draining server keeps its sessions open after it
         * began to report not-ready.
         *
         * @param millis its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder drainGraceMillis(long millis) {
            return set(ServerOptions.DRAIN_GRACE, millis);
        }

        /**
         * Sets option {@code drain-window}: Milliseconds over which a draining server closes its sessions
         * with 1001, spread evenly.
         *
         * @param millis its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder drainWindowMillis(long millis) {
            return set(ServerOptions.DRAIN_WINDOW, millis);
        }

        /**
         * Sets option {@code callbacks-on-loop}: whether endpoint code runs on the event loop that
         * read the message. Only for endpoints that never block (see the option's description).
         *
         * @param on its value
         * @return this builder
         */
        public Builder callbacksOnLoop(boolean on) {
            return set(ServerOptions.CALLBACKS_ON_LOOP, on);
        }

        // Admin view
        /**
         * Sets option {@code admin-view}: whether the health-port listener answers the admin view.
         *
         * @param on its value
         * @return this builder
         */
        public Builder adminView(boolean on) {
            return set(ServerOptions.ADMIN_VIEW, on);
        }

        /**
         * Sets option {@code admin-allow}: peers besides loopback that the admin view answers.
         *
         * @param addresses IP addresses and CIDR blocks, comma-separated; empty for loopback alone
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder adminAllow(String addresses) {
            return set(ServerOptions.ADMIN_ALLOW, addresses);
        }

        /**
         * Decides who opens each WebSocket, or refuses the handshake; the default lets everyone in
         * anonymously. Set in code only.
         *
         * @param authenticator the authenticator
         * @return this builder
         * @throws NullPointerException when it is null (use {@link HandshakeAuthenticator#ANONYMOUS})
         */
        public Builder authenticator(HandshakeAuthenticator authenticator) {
            this.authenticator = Objects.requireNonNull(authenticator,
                    "authenticator must not be null; use HandshakeAuthenticator.ANONYMOUS");
            return this;
        }

        /**
         * Sets option {@code access-log}: Where the access log goes: off, logger or file.
         *
         * @param value its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder accessLog(String value) {
            return set(TelemetryOptions.ACCESS_LOG, value);
        }

        /**
         * Sets option {@code access-log-format}: Format of the access log's lines: common or json.
         *
         * @param value its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder accessLogFormat(String value) {
            return set(TelemetryOptions.ACCESS_LOG_FORMAT, value);
        }

        /**
         * Sets option {@code access-log-file}: File the access log is appended to when access-log=file.
         *
         * @param value its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder accessLogFile(String value) {
            return set(TelemetryOptions.ACCESS_LOG_FILE, value);
        }

        /**
         * Sets option {@code access-log-queue-bytes}: Bytes of access-log lines that may wait for the writer; beyond it lines are dropped and counted.
         *
         * @param value its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder accessLogQueueBytes(long value) {
            return set(TelemetryOptions.ACCESS_LOG_QUEUE_BYTES, value);
        }

        /**
         * Sets option {@code jmx}: Registers the server's counters as an MBean while it serves.
         *
         * @param value its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder jmx(boolean value) {
            return set(TelemetryOptions.JMX, value);
        }

        /**
         * Sets option {@code metrics}: Answers GET &lt;health-path&gt;/metrics with the server's meters, from a metrics module on the class path.
         *
         * @param value its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder metrics(boolean value) {
            return set(TelemetryOptions.METRICS, value);
        }

        /**
         * Sets option {@code slow-send-threshold}: Milliseconds a blocking send may wait for the peer before it is told as a slow send.
         *
         * @param value its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder slowSendThresholdMillis(long value) {
            return set(TelemetryOptions.SLOW_SEND_THRESHOLD, value);
        }

        /**
         * Sets option {@code loop-stall-threshold}: Milliseconds one event-loop turn may take before it is told as a stall; 0 does not time turns.
         *
         * @param value its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder loopStallThresholdMillis(long value) {
            return set(TelemetryOptions.LOOP_STALL_THRESHOLD, value);
        }

        /**
         * Adds a listener that hears the server's handshakes, session closes, slow sends, limit hits
         * and loop stalls, besides those found with the ServiceLoader. Set in code only.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder metricsListener(ServerMetricsListener listener) {
            metricsListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        // ---- cluster options (ClusterOptions), kept together ----

        /**
         * Sets option {@code cluster-name}: the cluster this server joins (needs a cluster transport
         * on the class path); empty for none.
         *
         * @param name its value
         * @return this builder
         */
        public Builder clusterName(String name) {
            return set(ClusterOptions.CLUSTER_NAME, name);
        }

        /**
         * Sets option {@code cluster-members}: the cluster's members as host:port, comma-separated.
         *
         * @param members its value
         * @return this builder
         */
        public Builder clusterMembers(String members) {
            return set(ClusterOptions.CLUSTER_MEMBERS, members);
        }

        /**
         * Sets option {@code cluster-port}: TCP port of this node's cluster member.
         *
         * @param port its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder clusterPort(int port) {
            return set(ClusterOptions.CLUSTER_PORT, port);
        }

        /**
         * Sets option {@code cluster-host}: address this node's cluster member binds to and announces.
         *
         * @param host its value
         * @return this builder
         */
        public Builder clusterHost(String host) {
            return set(ClusterOptions.CLUSTER_HOST, host);
        }

        /**
         * Sets option {@code cluster-client}: connect to an existing cluster as a client.
         *
         * @param client its value
         * @return this builder
         */
        public Builder clusterClient(boolean client) {
            return set(ClusterOptions.CLUSTER_CLIENT, client);
        }

        /**
         * Sets option {@code cluster-client-lease}: with cluster-client, milliseconds a client node's
         * lease lasts without renewal before the other nodes take it for gone.
         *
         * @param millis its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder clusterClientLeaseMillis(long millis) {
            return set(ClusterOptions.CLUSTER_CLIENT_LEASE, millis);
        }

        /**
         * Sets option {@code cluster-presence-pending-max}: sessions of this node whose presence
         * change may wait at once to be recorded in the cluster; past it the node re-syncs its
         * presence from its open sessions instead.
         *
         * @param sessions its value
         * @return this builder
         * @throws IllegalArgumentException when the option does not take the value
         */
        public Builder clusterPresencePendingMax(int sessions) {
            return set(ClusterOptions.CLUSTER_PRESENCE_PENDING_MAX, sessions);
        }

        private <T> Builder set(Option<T> option, T value) {
            values.set(option, value);
            return this;
        }

        @Override
        public ServerConfig build() {
            return new ServerConfig(this);
        }
    }
}
