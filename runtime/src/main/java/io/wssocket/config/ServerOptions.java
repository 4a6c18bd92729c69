package io.wssocket.config;

import java.util.List;

/** The options only a server has: where it listens, how many it admits, TLS of its port, its threads. */
public final class ServerOptions {
    private static final OptionType<Integer> POSITIVE_INT = OptionType.integer(1, Integer.MAX_VALUE);

    public static final Option<String> HOST = Option.of("host", OptionType.text(), "0.0.0.0",
            "Address to listen on (0.0.0.0 for all IPv4 interfaces, :: for all).");
    public static final Option<Integer> PORT = Option.of("port", OptionType.integer(0, 65535), 8080,
            "TCP port to listen on; 0 picks a free one.");
    public static final Option<Integer> BACKLOG = Option.of("backlog", POSITIVE_INT, 1024,
            "Pending-connection queue length of the listening socket.");
    public static final Option<Integer> EVENT_LOOPS = Option.computed("event-loops", POSITIVE_INT, "cores",
            values -> ConnectionOptions.CORES, "Selector threads that own the sockets (default: number of cores).");
    public static final Option<Boolean> CALLBACKS_ON_LOOP = Option.of("callbacks-on-loop", OptionType.bool(), false,
            "Run endpoint code (onOpen, onMessage, onClose, onError) on the event loop that read the message, instead "
                    + "of handing it to the callback pool: no thread hand-off per message, so fewer system calls and "
                    + "less CPU per message (see docs/benchmarks.md). Only for endpoints that never block: while endpoint "
                    + "code runs, every other connection of that loop waits, and a blocking send whose socket is full "
                    + "writes on the loop itself until it is sent or send-timeout ends. Streamed messages (InputStream, "
                    + "Reader) still run on the pool, and so do the SendHandlers of sends that waited for the peer. Off by "
                    + "default, so a slow endpoint delays only its own sessions. An endpoint can decide for itself with the user "
                    + "property io.wssocket.callbacks-on-loop. The standalone server and the embedding API only: inside a "
                    + "Servlet container the container's glue decides where endpoint code runs.");
    public static final Option<Integer> MAX_CONNECTIONS = Option.computed("max-connections", POSITIVE_INT,
            "open-file limit minus headroom", values -> ConnectionDefaults.maxConnections(),
            "Open connections beyond which new ones get 503 with Retry-After (a few more, max(8, 1/16 of it), may "
                    + "be held while they are told so; beyond those a socket is closed unanswered). The default "
                    + "keeps it below the process's open-file limit, so 503 comes before accept fails for lack of "
                    + "file descriptors (EMFILE): the limit minus the files the JVM holds at start minus max(64, "
                    + "10 %) for what it opens later; 100000 where the JVM tells no limit.");
    public static final Option<Integer> TLS_HANDSHAKE_THREADS = Option.computed("tls-handshake-threads",
            POSITIVE_INT, "cores", values -> ConnectionOptions.CORES,
            "Threads that run TLS handshake crypto (the SSLEngine's delegated tasks), so that a flood of handshakes "
                    + "cannot stall the event loops and the sessions they carry.");
    public static final Option<Integer> MAX_TLS_HANDSHAKES = Option.computed("max-tls-handshakes", POSITIVE_INT,
            "cores × 64", values -> ConnectionOptions.CORES * 64,
            "TLS handshakes in progress at once; a connection accepted beyond it is closed at once (counted in the "
                    + "log), so a handshake flood cannot starve established sessions.");
    public static final Option<Integer> MAX_CONNECTIONS_PER_ADDRESS = Option.computed("max-connections-per-address",
            OptionType.integer(0, Integer.MAX_VALUE), "max-connections ÷ 4",
            values -> ConnectionDefaults.perAddressFor(values.get(MAX_CONNECTIONS)),
            "Open connections from one remote IP address beyond which new ones get 429 with Retry-After, so one "
                    + "address cannot take every place; 0 for no limit. Behind a load balancer or NAT many clients "
                    + "share an address: raise it or set 0 there.");
    public static final Option<Boolean> PROXY_PROTOCOL = Option.of("proxy-protocol", OptionType.bool(), false,
            "Every connection starts with a PROXY protocol header, version 1 or 2 (HAProxy send-proxy or "
                    + "send-proxy-v2, nginx proxy_protocol), before TLS and HTTP: its source address is the "
                    + "client's, for per-address limits, logs and the session's io.wssocket.remote-address. Needs "
                    + "trusted-proxies: a connection from another peer, or with a malformed header, or without a "
                    + "whole header within handshake-timeout, is closed (one line in the log). Every peer must "
                    + "send the header: the listener does not guess.");
    public static final Option<String> TRUSTED_PROXIES = Option.of("trusted-proxies", OptionType.text(), "",
            "Load balancers and proxies whose word on the client's address is taken: IP addresses and CIDR blocks, "
                    + "IPv4 and IPv6, comma-separated (e.g. 10.0.0.0/8, fd00::/8, 192.0.2.7; 0.0.0.0/0,::/0 for "
                    + "any peer). Only they may send a PROXY header (proxy-protocol) or Forwarded/X-Forwarded-For "
                    + "(forwarded-headers).");
    public static final Option<String> FORWARDED_HEADERS = Option.of("forwarded-headers",
            OptionType.choice("off", "forwarded", "x-forwarded-for"), "off",
            "Take the client's address from this request header when the peer (or the address a PROXY header "
                    + "gave) is in trusted-proxies: forwarded (RFC 7239, for=) or x-forwarded-for. The list is "
                    + "read from the right, trusted proxies skipped: the first address that is not one is the "
                    + "client's. Name the one header your proxy sets: a client can send the other itself. An "
                    + "unusable value (malformed, 'unknown', an obfuscated _name) leaves the peer's address.");
    public static final Option<String> ALLOWED_ORIGINS = Option.of("allowed-origins", OptionType.text(), "",
            "Origins (scheme://host[:port], comma-separated) that may open a WebSocket besides the same origin; * "
                    + "for every origin. By default only a page whose Origin names the request's Host and port is "
                    + "admitted, so a page of another site cannot use a user's cookies against the server "
                    + "(cross-site WebSocket hijacking, RFC 6455 §10.2); others, 'null' and look-alikes get 403. A "
                    + "request without Origin (not from a browser) is admitted. An endpoint's user property "
                    + "io.wssocket.allowedOrigins replaces the list for that endpoint.");
    public static final Option<Long> MAX_OUTBOUND_BYTES = Option.computed("max-outbound-bytes",
            OptionType.longInteger(1, Long.MAX_VALUE), "heap / 4", values -> ConnectionOptions.quarterHeap(),
            "Bytes queued for sending on all connections of the server together. A write that takes the total "
                    + "past it drops the connections with the most queued bytes (above write-low-water) as slow "
                    + "consumers (1008) until the total is back under it. A text message sent to many sessions "
                    + "shares one frame but is counted once per recipient.");
    public static final Option<Integer> HANDSHAKE_THREADS = Option.computed("handshake-threads", POSITIVE_INT,
            "cores × 2, at least 4", values -> Math.max(4, ConnectionOptions.CORES * 2),
            "Threads running handshakes (authenticator, configurator) and static file reads, apart from endpoint "
                    + "code so that busy endpoints never delay a handshake.");
    public static final Option<Integer> HANDSHAKE_QUEUE = Option.of("handshake-queue", POSITIVE_INT, 1024,
            "Handshakes and static-file requests waiting for a handshake thread beyond which new ones get 503 "
                    + "with Retry-After.");
    public static final Option<Boolean> STATIC_RESOURCES = Option.of("static-resources", OptionType.bool(), true,
            "Answer plain HTTP GET and HEAD requests (no 'Upgrade: websocket') with the files under "
                    + "META-INF/resources/ of the deployed application whose context path matches.");
    public static final Option<Long> MAX_STATIC_FILE_SIZE = Option.of("max-static-file-size",
            OptionType.longInteger(0, Integer.MAX_VALUE - 8), 16777216L,
            "Largest static resource served, in bytes; a larger one is answered with 500 and a warning in the log "
                    + "(each file is read whole into memory to be sent, from one array).");
    public static final Option<String> TLS_KEYSTORE = Option.of("tls-keystore", OptionType.text(), "",
            "PKCS#12 keystore with the server's private key and certificate chain: the port serves wss:// (TLS) "
                    + "instead of ws://. Empty for plain TCP.");
    public static final Option<String> TLS_KEYSTORE_PASSWORD = Option.of("tls-keystore-password", OptionType.text(),
            "", "Password of the TLS keystore (prefer the environment variable, the system property or the "
                    + "configuration file to the flag, which other users of the machine can see).").secret();
    public static final Option<String> TLS_CERT = Option.of("tls-cert", OptionType.text(), "",
            "PEM certificate chain (leaf first), instead of a keystore; needs tls-key.");
    public static final Option<String> TLS_KEY = Option.of("tls-key", OptionType.text(), "",
            "PEM private key (unencrypted PKCS#8, 'BEGIN PRIVATE KEY') for tls-cert.");

    // Health and drain (issue 17): kept together so that other option blocks merge beside it.
    public static final Option<String> HEALTH_PATH = Option.of("health-path", OptionType.text(), "/health",
            "Prefix of the health endpoints. With the default, GET or HEAD /health/live answers 200 while the "
                    + "process serves, /health/ready 200 while it accepts new connections and 503 while it starts or "
                    + "drains (small JSON, Cache-Control: no-store); other methods get 405. On the health-port "
                    + "listener, POST /health/drain from a loopback address starts a drain. A WebSocket upgrade for "
                    + "such a path still goes to its endpoint. Empty for no health endpoints.");
    public static final Option<Integer> HEALTH_PORT = Option.of("health-port", OptionType.integer(0, 65535), 0,
            "Port of a separate plain-HTTP listener (on health-host) that answers only the health endpoints, "
                    + "the drain request and the admin view (admin-view); 0 to answer the health endpoints on the main port instead (where the "
                    + "balancer's probe also proves that the port it routes to is served).");
    public static final Option<String> HEALTH_HOST = Option.of("health-host", OptionType.text(), "127.0.0.1",
            "Address the health-port listener binds to; loopback by default, so that only this machine reaches "
                    + "it. The drain request is taken from loopback addresses only, whatever this is.");
    public static final Option<Long> DRAIN_GRACE = Option.of("drain-grace", OptionType.longInteger(0, Long.MAX_VALUE),
            5000L, "Milliseconds a draining server keeps its sessions open after /ready turned 503 and new "
                    + "handshakes began to get 503, so that the load balancer notices before sessions close (make "
                    + "it at least the balancer's check interval times its fall count).");
    public static final Option<Long> DRAIN_WINDOW = Option.of("drain-window",
            OptionType.longInteger(0, Long.MAX_VALUE), 10000L,
            "Milliseconds over which a draining server closes its sessions with 1001 (going away), spread evenly, "
                    + "so that their clients reconnect elsewhere a few at a time rather than all at once; then it "
                    + "stops within shutdown-timeout. SIGTERM to the standalone server drains.");
    // Admin view (issue 18): kept together, after the health block whose listener serves it.
    public static final Option<Boolean> ADMIN_VIEW = Option.of("admin-view", OptionType.bool(), true,
            "On the health-port listener (only there: never on the public port, and not at all while health-port is "
                    + "0 or health-path empty), /health/admin (with the default health-path) answers a small page, "
                    + "and /health/admin/status.json the JSON it shows: the endpoints, connections per path and per "
                    + "remote address, the sessions with the most bytes queued for their peer, and the limits in force "
                    + "with where each value came from. It has no authentication: it answers loopback peers only, "
                    + "and those of admin-allow, and only requests whose Host is an IP address or localhost (a page "
                    + "that DNS rebinding brought to 127.0.0.1 names its own host). false turns it off.");
    public static final Option<String> ADMIN_ALLOW = Option.of("admin-allow", OptionType.text(), "",
            "Peers besides loopback that the admin view answers (403 for every other): IP addresses and CIDR blocks, "
                    + "IPv4 and IPv6, comma-separated (e.g. 10.0.0.0/8, 192.0.2.7). For health-host bound to an "
                    + "interface other than loopback; the view has no authentication, so name only operators' "
                    + "machines.");
    /** Every server-only option, in the order the reference lists them. */
    public static final List<Option<?>> ALL = List.of(HOST, PORT, BACKLOG, EVENT_LOOPS, CALLBACKS_ON_LOOP, MAX_CONNECTIONS,
            MAX_CONNECTIONS_PER_ADDRESS, PROXY_PROTOCOL, TRUSTED_PROXIES, FORWARDED_HEADERS, TLS_HANDSHAKE_THREADS, MAX_TLS_HANDSHAKES, ALLOWED_ORIGINS,
            MAX_OUTBOUND_BYTES, HANDSHAKE_THREADS, HANDSHAKE_QUEUE, STATIC_RESOURCES, MAX_STATIC_FILE_SIZE,
            TLS_KEYSTORE, TLS_KEYSTORE_PASSWORD, TLS_CERT, TLS_KEY,
            // health and drain
            HEALTH_PATH, HEALTH_PORT, HEALTH_HOST, DRAIN_GRACE, DRAIN_WINDOW,
            // admin view
            ADMIN_VIEW, ADMIN_ALLOW);

    private ServerOptions() {
    }
}
