package io.wssocket.server;

import io.wssocket.handshake.HandshakeLimits;
import io.wssocket.handshake.ProxyAddress;
import io.wssocket.protocol.ProtocolConfig;
import io.wssocket.session.SendQueuePolicy;
import io.wssocket.session.SessionSettings;
import io.wssocket.transport.TransportConfig;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Everything a {@link WebSocketServer} can be told, immutable. Built in code with
 * {@link #builder()}, or from CLI flags and system properties through {@link #OPTIONS}, the one
 * list from which the configuration reference is generated.
 */
public final class ServerConfig {
    private static final Function<String, Integer> INT = Integer::parseInt;
    private static final Function<String, Long> LONG = Long::parseLong;
    private static final Function<String, Boolean> BOOL = s -> {
        if (!s.equalsIgnoreCase("true") && !s.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("expected true or false");
        }
        return Boolean.parseBoolean(s);
    };
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    /** The default of the server-wide memory budgets: a quarter of the heap the JVM may grow to. */
    private static final long QUARTER_HEAP = Runtime.getRuntime().maxMemory() / 4;

    /** Every option, in the order the reference lists them. */
    public static final List<ServerOption> OPTIONS = List.of(
            ServerOption.of("host", "Address to listen on (0.0.0.0 for all IPv4 interfaces, :: for all).",
                    "0.0.0.0", s -> s, Builder::host),
            ServerOption.of("port", "TCP port to listen on; 0 picks a free one.", 8080, INT, Builder::port),
            ServerOption.of("backlog", "Pending-connection queue length of the listening socket.", 1024, INT, Builder::backlog),
            ServerOption.of("event-loops", "Selector threads that own the sockets (default: number of cores).",
                    "cores", INT, Builder::eventLoops),
            ServerOption.of("read-buffer-size", "Bytes read from one socket per turn; one direct buffer per event loop.",
                    65536, INT, Builder::readBufferSize),
            ServerOption.of("max-connections", "Open connections beyond which new ones get 503 with Retry-After (a "
                    + "few more, max(8, 1/16 of it), may be held while they are told so; beyond those a socket is closed "
                    + "unanswered). The default keeps it below the process's open-file limit, so 503 comes before accept "
                    + "fails for lack of file descriptors (EMFILE): the limit minus the files the JVM holds at start "
                    + "minus max(64, 10 %) for what it opens later; 100000 where the JVM tells no limit.",
                    "open-file limit minus headroom", INT, Builder::maxConnections),
            ServerOption.of("tls-handshake-threads", "Threads that run TLS handshake crypto (the SSLEngine's delegated "
                    + "tasks), so that a flood of handshakes cannot stall the event loops and the sessions they carry.",
                    "cores", INT, Builder::tlsHandshakeThreads),
            ServerOption.of("max-tls-handshakes", "TLS handshakes in progress at once; a connection accepted beyond it "
                    + "is closed at once (counted in the log), so a handshake flood cannot starve established sessions.",
                    "cores × 64", INT, Builder::maxTlsHandshakes),
            ServerOption.of("handshake-timeout", "Milliseconds a client has to complete its upgrade request; then it is dropped.",
                    10000, LONG, Builder::handshakeTimeoutMillis),
            ServerOption.of("max-request-line", "Longest request line, in bytes (414 beyond it).", 8192, INT, Builder::maxRequestLineLength),
            ServerOption.of("max-header-count", "Most header fields in an upgrade request (431 beyond it).", 100, INT, Builder::maxHeaderCount),
            ServerOption.of("max-header-bytes", "Most bytes of header fields in an upgrade request (431 beyond it).",
                    16384, INT, Builder::maxHeaderBytes),
            ServerOption.of("max-frame-size", "Largest frame payload accepted, in bytes (close 1009 beyond it).",
                    16777216L, LONG, Builder::maxFrameSize),
            ServerOption.of("max-message-size", "Largest message accepted, all frames together, in bytes (close 1009 beyond it).",
                    16777216L, LONG, Builder::maxMessageSize),
            ServerOption.of("max-text-buffer", "Default Session.getMaxTextMessageBufferSize: largest whole text message, in bytes.",
                    16777216, INT, Builder::maxTextMessageBufferSize),
            ServerOption.of("max-binary-buffer", "Default Session.getMaxBinaryMessageBufferSize: largest whole binary message, in bytes.",
                    16777216, INT, Builder::maxBinaryMessageBufferSize),
            ServerOption.of("idle-timeout", "Default Session.getMaxIdleTimeout: milliseconds without a message in or out, or a "
                    + "ping or pong of the application's or the peer's own, before the session is closed with 1001 "
                    + "(the keep-alive's pings and their pongs do not count); 0 for never.", 300000L, LONG, Builder::idleTimeoutMillis),
            ServerOption.of("read-idle-timeout", "Milliseconds without anything read from the peer (messages, pings, "
                    + "pongs) before the connection is closed with 1001, even while this side keeps sending; 0 for never. "
                    + "With ping-interval it finds peers that vanished (a live one answers every ping): the default is "
                    + "a little over three unanswered pings, so a lost pong or two is forgiven.", 100000L, LONG,
                    Builder::readIdleTimeoutMillis),
            ServerOption.of("ping-interval", "Milliseconds without anything written before a ping is sent, to keep NAT "
                    + "and load-balancer mappings alive (many forget a silent connection after 60 s) and draw a pong from "
                    + "a live peer; 0 for never. Pings are not messages: they do not keep a session from its idle-timeout.",
                    30000L, LONG, Builder::pingIntervalMillis),
            ServerOption.of("read-progress-timeout", "Milliseconds a peer may go without sending data-frame bytes while "
                    + "it is inside a frame or between the fragments of a message; then the connection is closed with "
                    + "1008. A peer that starts a frame and stops holds its connection and message state without "
                    + "finishing anything (slowloris); pings do not count as progress. 0 for never.", 20000L, LONG,
                    Builder::readProgressTimeoutMillis),
            ServerOption.of("max-frames-per-message", "Most frames one message may take, empty continuation frames "
                    + "included (close 1009 beyond it): each frame costs work even when it carries no bytes, which "
                    + "max-message-size does not see.", 4096, INT, Builder::maxFramesPerMessage),
            ServerOption.of("max-pings-per-second", "Pings a peer may send in one second; one more closes the connection "
                    + "with 1008 (every ping is answered, so a flood would be echoed). 0 for no limit.", 20, INT,
                    Builder::maxPingsPerSecond),
            ServerOption.of("max-connections-per-address", "Open connections from one remote IP address beyond which new "
                    + "ones get 429 with Retry-After, so one address cannot take every place; 0 for no limit. Behind a "
                    + "load balancer or NAT many clients share an address: raise it or set 0 there.",
                    "max-connections ÷ 4", INT, Builder::maxConnectionsPerAddress),
            ServerOption.of("allowed-origins", "Origins (scheme://host[:port], comma-separated) that may open a "
                    + "WebSocket besides the same origin; * for every origin. By default only a page whose Origin names "
                    + "the request's Host and port is admitted, so a page of another site cannot use a user's cookies "
                    + "against the server (cross-site WebSocket hijacking, RFC 6455 §10.2); others, 'null' and "
                    + "look-alikes get 403. A request without Origin (not from a browser) is admitted. An endpoint's "
                    + "user property io.wssocket.allowedOrigins replaces the list for that endpoint.", "",
                    s -> s, Builder::allowedOrigins),
            ServerOption.of("close-timeout", "Milliseconds to wait for the peer's close frame or end of stream before dropping the socket.",
                    5000L, LONG, Builder::closeTimeoutMillis),
            ServerOption.of("send-timeout", "Milliseconds a blocking or async send may take before the connection is dropped.",
                    30000L, LONG, Builder::sendTimeoutMillis),
            ServerOption.of("write-high-water", "Queued outbound bytes above which a connection reports itself unwritable.",
                    65536L, LONG, Builder::writeHighWaterMark),
            ServerOption.of("write-low-water", "Queued outbound bytes below which it reports itself writable again.",
                    16384L, LONG, Builder::writeLowWaterMark),
            ServerOption.of("write-timeout", "Milliseconds queued outbound bytes may go without progress before the "
                    + "connection is dropped (the peer stopped reading); 0 for never.", 60000L, LONG, Builder::writeTimeoutMillis),
            ServerOption.of("max-queued-bytes", "Queued outbound bytes per connection beyond which a send fails.",
                    33554432L, LONG, Builder::maxQueuedBytes),
            ServerOption.of("send-queue-policy", "What a send does when max-queued-bytes are queued for a peer that does "
                    + "not read: block (a blocking send waits within send-timeout until the queue drains below "
                    + "write-low-water; an async send fails), fail (the send fails with WriteQueueFullException), or close "
                    + "(the session is dropped as a slow consumer, reporting 1008; a blocking send waiting for its write "
                    + "drops it too once the connection has stayed above write-high-water with nothing written for "
                    + "send-stall-timeout).", "block", SendQueuePolicy::parse,
                    Builder::sendQueuePolicy),
            ServerOption.of("max-pending-messages", "Messages per session waiting for endpoint code beyond which reading pauses.",
                    64, INT, Builder::maxPendingMessages),
            ServerOption.of("max-pending-bytes", "Bytes of whole messages per session handed to endpoint code and not yet "
                    + "handled beyond which reading pauses, until handlers catch up to half of it; a second bound beside "
                    + "max-pending-messages. One message larger than this is still delivered (max-message-size bounds it).",
                    4194304L, LONG, Builder::maxPendingBytes),
            ServerOption.of("max-inbound-bytes", "Bytes of inbound messages the whole server holds: those being gathered "
                    + "from their frames plus those waiting for endpoint code. A connection whose whole message takes "
                    + "the total past it pauses reading until the total is down to half of it; a message being gathered "
                    + "that would take the total past it fails its connection with 1013 (try again later).",
                    "heap / 4", LONG, Builder::maxInboundBytes),
            ServerOption.of("max-outbound-bytes", "Bytes queued for sending on all connections of the server together. A "
                    + "write that takes the total past it drops the connections with the most queued bytes (above "
                    + "write-low-water) as slow consumers (1008) until the total is back under it. A text message sent "
                    + "to many sessions shares one frame but is counted once per recipient.",
                    "heap / 4", LONG, Builder::maxOutboundBytes),
            ServerOption.of("virtual-threads", "Run endpoint code on virtual threads when the JVM has them (Java 21+).",
                    true, BOOL, Builder::virtualThreads),
            ServerOption.of("callback-threads", "Threads running endpoint code when virtual threads are not used.",
                    "cores × 8, at least 16", INT, Builder::callbackThreads),
            ServerOption.of("callback-threads-max", "Ceiling of the callback pool when virtual threads are not used: "
                    + "a thread blocked in a send on a peer that does not read is replaced by a spare, so that "
                    + "callback-threads stay runnable, up to this many threads in all (never fewer than callback-threads). At the ceiling a send that would "
                    + "block drops its peer as a slow consumer (1008) instead of waiting.", 512, INT,
                    Builder::callbackThreadsMax),
            ServerOption.of("handshake-threads", "Threads running handshakes (authenticator, configurator) and static "
                    + "file reads, apart from endpoint code so that busy endpoints never delay a handshake.",
                    "cores × 2, at least 4", INT, Builder::handshakeThreads),
            ServerOption.of("handshake-queue", "Handshakes and static-file requests waiting for a handshake thread beyond "
                    + "which new ones get 503 with Retry-After.", 1024, INT, Builder::handshakeQueue),
            ServerOption.of("send-stall-timeout", "Under send-queue-policy close: milliseconds a blocking send may wait on "
                    + "a connection above write-high-water to which nothing could be written before the peer is dropped "
                    + "as a slow consumer (1008), instead of holding its thread for the whole send-timeout. The kernel "
                    + "takes more only once a third of its send buffer (up to megabytes) has drained, so a peer that "
                    + "reads slowly shows progress in steps: keep this well above those gaps.", 10000L, LONG,
                    Builder::sendStallTimeoutMillis),
            ServerOption.of("shutdown-timeout", "Milliseconds a stopping server waits for sessions to close after sending 1001.",
                    5000L, LONG, Builder::shutdownTimeoutMillis),
            ServerOption.of("static-resources", "Answer plain HTTP GET and HEAD requests (no 'Upgrade: websocket') with "
                    + "the files under META-INF/resources/ of the deployed application whose context path matches.",
                    true, BOOL, Builder::staticResources),
            ServerOption.of("max-static-file-size", "Largest static resource served, in bytes; a larger one is answered "
                    + "with 500 and a warning in the log (each file is read whole into memory to be sent).",
                    16777216L, LONG, Builder::maxStaticFileSize),
            ServerOption.of("tcp-no-delay", "Disable Nagle's algorithm on accepted and connected sockets.", true, BOOL, Builder::tcpNoDelay),
            ServerOption.of("connect-timeout", "Client: milliseconds connectToServer waits for the TCP connection (to the "
                    + "server or the proxy); the handshake-timeout then bounds the upgrade.", 10000L, LONG, Builder::connectTimeoutMillis),
            ServerOption.of("client-event-loops", "Client: selector threads of the client containers ContainerProvider hands "
                    + "out; shared by all of them, started with the first connection, stopped with the last.", 1, INT,
                    Builder::clientEventLoops),
            ServerOption.of("client-proxy", "Client: HTTP proxy for ws:// and wss:// connections, tunnelled with CONNECT, as "
                    + "http://[user:password@]host:port; empty for none.", "", s -> s, Builder::clientProxy),
            ServerOption.of("tls-keystore", "PKCS#12 keystore with the server's private key and certificate chain: the port "
                    + "serves wss:// (TLS) instead of ws://. Empty for plain TCP.", "", s -> s, Builder::tlsKeystore),
            ServerOption.of("tls-keystore-password", "Password of the TLS keystore (prefer the system property to the flag, "
                    + "which other users of the machine can see).", "", s -> s, Builder::tlsKeystorePassword),
            ServerOption.of("tls-cert", "PEM certificate chain (leaf first), instead of a keystore; needs tls-key.", "", s -> s,
                    Builder::tlsCertificate),
            ServerOption.of("tls-key", "PEM private key (unencrypted PKCS#8, 'BEGIN PRIVATE KEY') for tls-cert.", "", s -> s,
                    Builder::tlsKey),
            ServerOption.of("tls-protocols", "TLS versions offered, server and client; only cipher suites with forward "
                    + "secrecy and AEAD are enabled.", "TLSv1.3,TLSv1.2", s -> s, Builder::tlsProtocols),
            ServerOption.of("client-truststore", "Client: certificates trusted for wss:// (PKCS#12, or PEM for .pem/.crt); "
                    + "empty for the JVM's default trust store. Host names are always verified.", "", s -> s,
                    Builder::clientTruststore),
            ServerOption.of("client-truststore-password", "Client: password of a PKCS#12 trust store.", "", s -> s,
                    Builder::clientTruststorePassword));

    private final String host;
    private final int port;
    private final int backlog;
    private final int eventLoops;
    private final int readBufferSize;
    private final int maxConnections;
    private final int tlsHandshakeThreads;
    private final int maxTlsHandshakes;
    private final long handshakeTimeoutMillis;
    private final HandshakeLimits handshakeLimits;
    private final long maxFrameSize;
    private final long maxMessageSize;
    private final int maxTextMessageBufferSize;
    private final int maxBinaryMessageBufferSize;
    private final long idleTimeoutMillis;
    private final long closeTimeoutMillis;
    private final long sendTimeoutMillis;
    private final long writeHighWaterMark;
    private final long writeLowWaterMark;
    private final long maxQueuedBytes;
    private final long writeTimeoutMillis;
    private final int maxPendingMessages;
    private final long maxPendingBytes;
    private final long maxInboundBytes;
    private final long maxOutboundBytes;
    private final boolean virtualThreads;
    private final int callbackThreads;
    private final int callbackThreadsMax;
    private final int handshakeThreads;
    private final int handshakeQueue;
    private final long sendStallTimeoutMillis;
    private final long shutdownTimeoutMillis;
    private final boolean tcpNoDelay;
    private final boolean staticResources;
    private final long maxStaticFileSize;
    private final HandshakeAuthenticator authenticator;
    private final long connectTimeoutMillis;
    private final int clientEventLoops;
    private final ProxyAddress clientProxy;
    private final TlsSettings tls;
    private final int maxPingsPerSecond;
    private final long readIdleTimeoutMillis;
    private final long pingIntervalMillis;
    private final long readProgressTimeoutMillis;
    private final int maxFramesPerMessage;
    private final SendQueuePolicy sendQueuePolicy;
    private final int maxConnectionsPerAddress;
    private final OriginPolicy allowedOrigins;
    /** Made once: every connection shares them (each is immutable), so a session does not carry its own copy. */
    private final ProtocolConfig serverProtocol;
    private final ProtocolConfig clientProtocol;

    private ServerConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.backlog = b.backlog;
        this.eventLoops = b.eventLoops;
        this.readBufferSize = b.readBufferSize;
        this.maxConnections = b.maxConnections;
        this.tlsHandshakeThreads = b.tlsHandshakeThreads;
        this.maxTlsHandshakes = b.maxTlsHandshakes;
        require(tlsHandshakeThreads > 0, "tls-handshake-threads must be positive");
        require(maxTlsHandshakes > 0, "max-tls-handshakes must be positive");
        this.handshakeTimeoutMillis = b.handshakeTimeoutMillis;
        this.handshakeLimits = new HandshakeLimits(b.maxRequestLineLength, b.maxHeaderCount, b.maxHeaderBytes);
        this.maxFrameSize = b.maxFrameSize;
        this.maxMessageSize = b.maxMessageSize;
        this.maxTextMessageBufferSize = b.maxTextMessageBufferSize;
        this.maxBinaryMessageBufferSize = b.maxBinaryMessageBufferSize;
        this.idleTimeoutMillis = b.idleTimeoutMillis;
        this.closeTimeoutMillis = b.closeTimeoutMillis;
        this.sendTimeoutMillis = b.sendTimeoutMillis;
        this.writeHighWaterMark = b.writeHighWaterMark;
        this.writeLowWaterMark = b.writeLowWaterMark;
        this.maxQueuedBytes = b.maxQueuedBytes;
        this.writeTimeoutMillis = b.writeTimeoutMillis;
        this.maxPendingMessages = b.maxPendingMessages;
        this.maxPendingBytes = b.maxPendingBytes;
        this.maxInboundBytes = b.maxInboundBytes;
        this.maxOutboundBytes = b.maxOutboundBytes;
        require(maxPendingBytes > 0, "max-pending-bytes must be positive");
        require(maxInboundBytes > 0, "max-inbound-bytes must be positive");
        require(maxOutboundBytes > 0, "max-outbound-bytes must be positive");
        this.virtualThreads = b.virtualThreads;
        this.callbackThreads = b.callbackThreads;
        // Never below callback-threads: a configuration that raised only callback-threads stays valid.
        this.callbackThreadsMax = Math.max(b.callbackThreadsMax, b.callbackThreads);
        this.handshakeThreads = b.handshakeThreads;
        this.handshakeQueue = b.handshakeQueue;
        this.sendStallTimeoutMillis = b.sendStallTimeoutMillis;
        this.shutdownTimeoutMillis = b.shutdownTimeoutMillis;
        this.tcpNoDelay = b.tcpNoDelay;
        this.staticResources = b.staticResources;
        this.maxStaticFileSize = b.maxStaticFileSize;
        require(maxStaticFileSize >= 0 && maxStaticFileSize <= Integer.MAX_VALUE - 8,
                "max-static-file-size must be 0-" + (Integer.MAX_VALUE - 8) + " (a file is sent from one array)");
        this.authenticator = b.authenticator;
        this.connectTimeoutMillis = b.connectTimeoutMillis;
        this.clientEventLoops = b.clientEventLoops;
        this.clientProxy = b.clientProxy;
        this.maxPingsPerSecond = b.maxPingsPerSecond;
        this.readIdleTimeoutMillis = b.readIdleTimeoutMillis;
        this.pingIntervalMillis = b.pingIntervalMillis;
        this.readProgressTimeoutMillis = b.readProgressTimeoutMillis;
        this.maxFramesPerMessage = b.maxFramesPerMessage;
        require(readProgressTimeoutMillis >= 0, "read-progress-timeout must not be negative");
        require(maxFramesPerMessage >= 1, "max-frames-per-message must be at least 1");
        this.sendQueuePolicy = java.util.Objects.requireNonNull(b.sendQueuePolicy, "send-queue-policy");
        this.maxConnectionsPerAddress = b.maxConnectionsPerAddress != null ? b.maxConnectionsPerAddress
                : ConnectionLimits.perAddressFor(b.maxConnections);
        this.allowedOrigins = OriginPolicy.parse(b.allowedOrigins);
        require(maxConnectionsPerAddress >= 0, "max-connections-per-address must not be negative");
        this.tls = new TlsSettings(b.tlsKeystore, b.tlsKeystorePassword, b.tlsCertificate, b.tlsKey, b.tlsProtocols,
                b.clientTruststore, b.clientTruststorePassword);
        require(!tls.serverEnabled() || readBufferSize >= 32768,
                "read-buffer-size must be at least 32768 with TLS (a TLS record decrypts to up to 16 KiB)");
        require(connectTimeoutMillis > 0, "connect-timeout must be positive");
        require(clientEventLoops > 0, "client-event-loops must be positive");
        require(authenticator != null, "authenticator must not be null; use HandshakeAuthenticator.ANONYMOUS");
        require(port >= 0 && port <= 65535, "port must be 0-65535");
        require(backlog > 0, "backlog must be positive");
        require(maxConnections > 0, "max-connections must be positive");
        require(handshakeTimeoutMillis > 0, "handshake-timeout must be positive");
        require(maxFrameSize >= 125 && maxMessageSize >= 125, "max-frame-size and max-message-size must be at least 125");
        require(callbackThreads > 0, "callback-threads must be positive");
        require(handshakeThreads > 0, "handshake-threads must be positive");
        require(handshakeQueue > 0, "handshake-queue must be positive");
        require(sendStallTimeoutMillis > 0, "send-stall-timeout must be positive");
        require(shutdownTimeoutMillis >= 0, "shutdown-timeout must not be negative");
        // The records below check their own fields.
        transportConfig();
        this.serverProtocol = new ProtocolConfig(false, maxFrameSize, maxMessageSize, maxFramesPerMessage,
                closeTimeoutMillis, maxPingsPerSecond, readIdleTimeoutMillis, readProgressTimeoutMillis, pingIntervalMillis);
        this.clientProtocol = new ProtocolConfig(true, maxFrameSize, maxMessageSize, maxFramesPerMessage,
                closeTimeoutMillis, maxPingsPerSecond, readIdleTimeoutMillis, readProgressTimeoutMillis, pingIntervalMillis);
        sessionSettings();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults, then system properties {@code wssocket.*}, then the given flag values (name to value). */
    public static ServerConfig fromSources(Properties systemProperties, Map<String, String> flags) {
        return builderFromSources(systemProperties, flags).build();
    }

    /** A builder holding {@link #fromSources}'s values, for settings that only code can give (the authenticator). */
    public static Builder builderFromSources(Properties systemProperties, Map<String, String> flags) {
        Builder builder = builder();
        for (ServerOption option : OPTIONS) {
            String value = systemProperties.getProperty(option.systemProperty());
            if (value != null) {
                option.apply(builder, value);
            }
        }
        for (ServerOption option : OPTIONS) {
            String value = flags.get(option.name());
            if (value != null) {
                option.apply(builder, value);
            }
        }
        return builder;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public int backlog() {
        return backlog;
    }

    public int maxConnections() {
        return maxConnections;
    }

    /** Threads running TLS handshake crypto, off the event loops. */
    public int tlsHandshakeThreads() {
        return tlsHandshakeThreads;
    }

    /** Server TLS handshakes allowed in progress at once. */
    public int maxTlsHandshakes() {
        return maxTlsHandshakes;
    }

    public long handshakeTimeoutMillis() {
        return handshakeTimeoutMillis;
    }

    public HandshakeLimits handshakeLimits() {
        return handshakeLimits;
    }

    public long closeTimeoutMillis() {
        return closeTimeoutMillis;
    }

    public boolean virtualThreads() {
        return virtualThreads;
    }

    public int callbackThreads() {
        return callbackThreads;
    }

    /** Threads the callback pool may grow to while some of them are blocked in sends on peers that do not read. */
    public int callbackThreadsMax() {
        return callbackThreadsMax;
    }

    public int handshakeThreads() {
        return handshakeThreads;
    }

    /** Handshakes that may wait for a handshake thread; beyond them a new one gets 503. */
    public int handshakeQueue() {
        return handshakeQueue;
    }

    /** Under send-queue-policy close: how long a blocking send may wait on a stalled, unwritable connection. */
    public long sendStallTimeoutMillis() {
        return sendStallTimeoutMillis;
    }

    public long shutdownTimeoutMillis() {
        return shutdownTimeoutMillis;
    }

    public boolean tcpNoDelay() {
        return tcpNoDelay;
    }

    /** Whether plain HTTP requests are answered from the applications' META-INF/resources/. */
    public boolean staticResources() {
        return staticResources;
    }

    /** Largest static resource served, in bytes. */
    public long maxStaticFileSize() {
        return maxStaticFileSize;
    }

    /** Who may open a WebSocket; set in code only (it is code, not a value). */
    public HandshakeAuthenticator authenticator() {
        return authenticator;
    }

    /** Client: how long to wait for the TCP connection. */
    public long connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    /** Open connections allowed from one remote address; 0 for no limit. */
    public int maxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    /** How long a peer inside a frame or message may send no data-frame bytes; 0 for never. */
    public long readProgressTimeoutMillis() {
        return readProgressTimeoutMillis;
    }

    /** Most frames one message may take. */
    public int maxFramesPerMessage() {
        return maxFramesPerMessage;
    }

    /** The origins every endpoint admits unless it names its own. */
    public OriginPolicy allowedOrigins() {
        return allowedOrigins;
    }

    /** TLS of the server port and of the client's wss:// connections. */
    public TlsSettings tls() {
        return tls;
    }

    /** Client: the HTTP proxy to tunnel through, or null for a direct connection. */
    public ProxyAddress clientProxy() {
        return clientProxy;
    }

    public TransportConfig transportConfig() {
        return transportConfig(eventLoops);
    }

    /** The transport of the shared client event loops. */
    public TransportConfig clientTransportConfig() {
        return transportConfig(clientEventLoops);
    }

    private TransportConfig transportConfig(int eventLoops) {
        return new TransportConfig(eventLoops, readBufferSize, writeHighWaterMark, writeLowWaterMark, maxQueuedBytes,
                tcpNoDelay, writeTimeoutMillis);
    }

    public ProtocolConfig protocolConfig() {
        return serverProtocol;
    }

    /** The same limits for the client side of a connection (it masks what it sends). */
    public ProtocolConfig clientProtocolConfig() {
        return clientProtocol;
    }

    public SessionSettings sessionSettings() {
        return new SessionSettings(idleTimeoutMillis, maxTextMessageBufferSize, maxBinaryMessageBufferSize,
                sendTimeoutMillis, maxPendingMessages, maxPendingBytes, sendQueuePolicy, sendStallTimeoutMillis);
    }

    /** Bytes of inbound messages, gathered or waiting for endpoint code, the whole server may hold. */
    public long maxInboundBytes() {
        return maxInboundBytes;
    }

    /** Bytes queued for sending on all the server's connections together. */
    public long maxOutboundBytes() {
        return maxOutboundBytes;
    }

    /** Builder of {@link ServerConfig}; every setter matches one {@link ServerOption}. */
    public static final class Builder {
        private String host = "0.0.0.0";
        private int port = 8080;
        private int backlog = 1024;
        private int eventLoops = CORES;
        private int readBufferSize = 65536;
        private int maxConnections = ConnectionLimits.defaultMaxConnections();
        private int tlsHandshakeThreads = CORES;
        private int maxTlsHandshakes = CORES * 64;
        private long handshakeTimeoutMillis = 10_000;
        private int maxRequestLineLength = 8192;
        private int maxHeaderCount = 100;
        private int maxHeaderBytes = 16384;
        private long maxFrameSize = 16L << 20;
        private long maxMessageSize = 16L << 20;
        private int maxTextMessageBufferSize = 16 << 20;
        private int maxBinaryMessageBufferSize = 16 << 20;
        private long idleTimeoutMillis = 300_000;
        private long closeTimeoutMillis = 5_000;
        private long sendTimeoutMillis = 30_000;
        private long writeHighWaterMark = 64 << 10;
        private long writeLowWaterMark = 16 << 10;
        private long maxQueuedBytes = 32L << 20;
        private long writeTimeoutMillis = 60_000;
        private int maxPendingMessages = 64;
        private long maxPendingBytes = 4L << 20;
        private long maxInboundBytes = QUARTER_HEAP;
        private long maxOutboundBytes = QUARTER_HEAP;
        private boolean virtualThreads = true;
        private int callbackThreads = Math.max(16, CORES * 8);
        private int callbackThreadsMax = 512;
        private int handshakeThreads = Math.max(4, CORES * 2);
        private int handshakeQueue = 1024;
        private long sendStallTimeoutMillis = 10_000;
        private long shutdownTimeoutMillis = 5_000;
        private boolean tcpNoDelay = true;
        private boolean staticResources = true;
        private long maxStaticFileSize = 16L << 20;
        private HandshakeAuthenticator authenticator = HandshakeAuthenticator.ANONYMOUS;
        private long connectTimeoutMillis = 10_000;
        private int clientEventLoops = 1;
        private ProxyAddress clientProxy;
        private int maxPingsPerSecond = 20;
        private long readIdleTimeoutMillis = 100_000;
        private long pingIntervalMillis = 30_000;
        private long readProgressTimeoutMillis = 20_000;
        private int maxFramesPerMessage = 4096;
        private SendQueuePolicy sendQueuePolicy = SendQueuePolicy.BLOCK;
        /** Null: a quarter of max-connections (see {@link ConnectionLimits}). */
        private Integer maxConnectionsPerAddress;
        private String allowedOrigins = "";
        private String tlsKeystore = "";
        private String tlsKeystorePassword = "";
        private String tlsCertificate = "";
        private String tlsKey = "";
        private String tlsProtocols = String.join(",", io.wssocket.transport.TlsContext.DEFAULT_PROTOCOLS);
        private String clientTruststore = "";
        private String clientTruststorePassword = "";

        private Builder() {
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder backlog(int backlog) {
            this.backlog = backlog;
            return this;
        }

        public Builder eventLoops(int eventLoops) {
            this.eventLoops = eventLoops;
            return this;
        }

        public Builder readBufferSize(int readBufferSize) {
            this.readBufferSize = readBufferSize;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder tlsHandshakeThreads(int threads) {
            this.tlsHandshakeThreads = threads;
            return this;
        }

        public Builder maxTlsHandshakes(int handshakes) {
            this.maxTlsHandshakes = handshakes;
            return this;
        }

        public Builder handshakeTimeoutMillis(long millis) {
            this.handshakeTimeoutMillis = millis;
            return this;
        }

        public Builder maxRequestLineLength(int bytes) {
            this.maxRequestLineLength = bytes;
            return this;
        }

        public Builder maxHeaderCount(int count) {
            this.maxHeaderCount = count;
            return this;
        }

        public Builder maxHeaderBytes(int bytes) {
            this.maxHeaderBytes = bytes;
            return this;
        }

        public Builder maxFrameSize(long bytes) {
            this.maxFrameSize = bytes;
            return this;
        }

        public Builder maxMessageSize(long bytes) {
            this.maxMessageSize = bytes;
            return this;
        }

        public Builder maxTextMessageBufferSize(int bytes) {
            this.maxTextMessageBufferSize = bytes;
            return this;
        }

        public Builder maxBinaryMessageBufferSize(int bytes) {
            this.maxBinaryMessageBufferSize = bytes;
            return this;
        }

        public Builder idleTimeoutMillis(long millis) {
            this.idleTimeoutMillis = millis;
            return this;
        }

        public Builder closeTimeoutMillis(long millis) {
            this.closeTimeoutMillis = millis;
            return this;
        }

        public Builder sendTimeoutMillis(long millis) {
            this.sendTimeoutMillis = millis;
            return this;
        }

        public Builder writeHighWaterMark(long bytes) {
            this.writeHighWaterMark = bytes;
            return this;
        }

        public Builder writeLowWaterMark(long bytes) {
            this.writeLowWaterMark = bytes;
            return this;
        }

        public Builder maxQueuedBytes(long bytes) {
            this.maxQueuedBytes = bytes;
            return this;
        }

        public Builder writeTimeoutMillis(long millis) {
            this.writeTimeoutMillis = millis;
            return this;
        }

        public Builder maxPendingMessages(int count) {
            this.maxPendingMessages = count;
            return this;
        }

        public Builder maxPendingBytes(long bytes) {
            this.maxPendingBytes = bytes;
            return this;
        }

        public Builder maxInboundBytes(long bytes) {
            this.maxInboundBytes = bytes;
            return this;
        }

        public Builder maxOutboundBytes(long bytes) {
            this.maxOutboundBytes = bytes;
            return this;
        }

        public Builder virtualThreads(boolean virtualThreads) {
            this.virtualThreads = virtualThreads;
            return this;
        }

        public Builder callbackThreads(int threads) {
            this.callbackThreads = threads;
            return this;
        }

        public Builder callbackThreadsMax(int threads) {
            this.callbackThreadsMax = threads;
            return this;
        }

        public Builder handshakeThreads(int threads) {
            this.handshakeThreads = threads;
            return this;
        }

        public Builder handshakeQueue(int handshakes) {
            this.handshakeQueue = handshakes;
            return this;
        }

        public Builder sendStallTimeoutMillis(long millis) {
            this.sendStallTimeoutMillis = millis;
            return this;
        }

        public Builder shutdownTimeoutMillis(long millis) {
            this.shutdownTimeoutMillis = millis;
            return this;
        }

        public Builder tcpNoDelay(boolean tcpNoDelay) {
            this.tcpNoDelay = tcpNoDelay;
            return this;
        }

        public Builder staticResources(boolean staticResources) {
            this.staticResources = staticResources;
            return this;
        }

        public Builder maxStaticFileSize(long maxStaticFileSize) {
            this.maxStaticFileSize = maxStaticFileSize;
            return this;
        }

        /** Decides who opens each WebSocket, or refuses the handshake; the default lets everyone in anonymously. */
        public Builder authenticator(HandshakeAuthenticator authenticator) {
            this.authenticator = authenticator;
            return this;
        }

        public Builder connectTimeoutMillis(long millis) {
            this.connectTimeoutMillis = millis;
            return this;
        }

        public Builder clientEventLoops(int loops) {
            this.clientEventLoops = loops;
            return this;
        }

        /** {@code http://[user:password@]host:port}; null or empty for none. */
        public Builder clientProxy(String proxy) {
            this.clientProxy = ProxyAddress.parse(proxy);
            return this;
        }

        public Builder sendQueuePolicy(SendQueuePolicy policy) {
            this.sendQueuePolicy = policy;
            return this;
        }

        public Builder readIdleTimeoutMillis(long millis) {
            this.readIdleTimeoutMillis = millis;
            return this;
        }

        public Builder pingIntervalMillis(long millis) {
            this.pingIntervalMillis = millis;
            return this;
        }

        public Builder readProgressTimeoutMillis(long millis) {
            this.readProgressTimeoutMillis = millis;
            return this;
        }

        public Builder maxFramesPerMessage(int frames) {
            this.maxFramesPerMessage = frames;
            return this;
        }

        public Builder maxPingsPerSecond(int pings) {
            this.maxPingsPerSecond = pings;
            return this;
        }

        public Builder maxConnectionsPerAddress(int connections) {
            this.maxConnectionsPerAddress = connections;
            return this;
        }

        /**
         * Comma-separated origins admitted besides the same origin, e.g.
         * {@code https://chat.example,https://admin.example}; {@code *} for any; empty for the same origin only.
         */
        public Builder allowedOrigins(String origins) {
            this.allowedOrigins = origins;
            return this;
        }

        /** A PKCS#12 keystore: the server port speaks TLS. */
        public Builder tlsKeystore(String path) {
            this.tlsKeystore = path;
            return this;
        }

        public Builder tlsKeystorePassword(String password) {
            this.tlsKeystorePassword = password;
            return this;
        }

        /** A PEM certificate chain: the server port speaks TLS (with {@link #tlsKey}). */
        public Builder tlsCertificate(String path) {
            this.tlsCertificate = path;
            return this;
        }

        public Builder tlsKey(String path) {
            this.tlsKey = path;
            return this;
        }

        /** Comma-separated TLS versions, e.g. {@code TLSv1.3} alone. */
        public Builder tlsProtocols(String protocols) {
            this.tlsProtocols = protocols;
            return this;
        }

        public Builder clientTruststore(String path) {
            this.clientTruststore = path;
            return this;
        }

        public Builder clientTruststorePassword(String password) {
            this.clientTruststorePassword = password;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(this);
        }
    }
}
