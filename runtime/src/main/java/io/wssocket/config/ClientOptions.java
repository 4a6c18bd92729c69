package io.wssocket.config;

import java.util.List;

/**
 * The options only a client has: how it connects, through which proxy, trusting what. A server
 * has those of them that its container's own {@code connectToServer} uses ({@link #OUTBOUND}).
 */
public final class ClientOptions {
    public static final Option<Long> CONNECT_TIMEOUT = Option.of("connect-timeout",
            OptionType.longInteger(1, Integer.MAX_VALUE), 10000L,
            "Client: milliseconds connectToServer waits for the TCP connection (to the server or the proxy); the "
                    + "handshake-timeout then bounds the upgrade.");
    public static final Option<Integer> CLIENT_EVENT_LOOPS = Option.of("client-event-loops",
            OptionType.integer(1, Integer.MAX_VALUE), 1,
            "Client: selector threads of the client containers ContainerProvider hands out; shared by all of them, "
                    + "started with the first connection, stopped with the last.");
    public static final Option<String> CLIENT_PROXY = Option.of("client-proxy", OptionType.text(), "",
            "Client: HTTP proxy for ws:// and wss:// connections, tunnelled with CONNECT, as "
                    + "http://[user:password@]host:port; empty for none. A ClientEndpointConfig user property "
                    + "io.wssocket.client.proxy overrides it for one connection.").secret();
    public static final Option<String> CLIENT_TRUSTSTORE = Option.of("client-truststore", OptionType.text(), "",
            "Client: certificates trusted for wss:// (PKCS#12, or PEM for .pem/.crt); empty for the JVM's default "
                    + "trust store. Host names are always verified.");
    public static final Option<String> CLIENT_TRUSTSTORE_PASSWORD = Option.of("client-truststore-password",
            OptionType.text(), "", "Client: password of a PKCS#12 trust store.").secret();

    public static final Option<Boolean> PERMESSAGE_DEFLATE_OFFER = Option.of("permessage-deflate-offer",
            OptionType.bool(), false,
            "Client: offer permessage-deflate on every connection, not only for endpoints that ask for it. Off by "
                    + "default because the Jakarta WebSocket spec has a client offer the extensions its "
                    + "ClientEndpointConfig lists, none unless configured: list permessage-deflate there (e.g. the "
                    + "container's getInstalledExtensions()), or set the endpoint's user property "
                    + "io.wssocket.permessage-deflate to true. Needs permessage-deflate on.");

    // Reconnection (issue 17): kept together so that other option blocks merge beside it.
    public static final Option<Boolean> CLIENT_RECONNECT = Option.of("client-reconnect", OptionType.bool(), false,
            "Client: open a new session to the same URI for the same endpoint when the server closed with 1001 "
                    + "(going away), 1012 (service restart) or 1013 (try again later), or the connection dropped "
                    + "(1006), waiting a random time up to a cap that doubles after each failed attempt (exponential "
                    + "back-off, full jitter). A close the application asked for never reconnects. A "
                    + "ClientEndpointConfig user property io.wssocket.client.reconnect (true or false) overrides it "
                    + "for one endpoint.");
    public static final Option<Long> CLIENT_RECONNECT_DELAY = Option.of("client-reconnect-delay",
            OptionType.longInteger(1, Integer.MAX_VALUE), 500L,
            "Client: under client-reconnect, the cap of the first attempt's random wait, in milliseconds; it "
                    + "doubles with each attempt that fails, up to client-reconnect-max-delay.");
    public static final Option<Long> CLIENT_RECONNECT_MAX_DELAY = Option.of("client-reconnect-max-delay",
            OptionType.longInteger(1, Integer.MAX_VALUE), 30000L,
            "Client: under client-reconnect, the largest cap of the random wait before an attempt, in milliseconds.");
    public static final Option<Integer> CLIENT_RECONNECT_ATTEMPTS = Option.of("client-reconnect-attempts",
            OptionType.integer(1, Integer.MAX_VALUE), 10,
            "Client: under client-reconnect, attempts after a close before giving up (logged, and told to the "
                    + "endpoint's ReconnectListener, user property io.wssocket.client.reconnect-listener). A reconnected "
                    + "session starts the count again only once it has stayed open for client-reconnect-max-delay, so a "
                    + "server that accepts and closes at once cannot hold a client in a fast loop.");
    public static final Option<Long> CLIENT_RECONNECT_TIME = Option.of("client-reconnect-time",
            OptionType.longInteger(1, Long.MAX_VALUE), 300000L,
            "Client: under client-reconnect, milliseconds after the close (counted as client-reconnect-attempts "
                    + "are) beyond which no further attempt starts.");

    /** Every client-only option, in the order the reference lists them. */
    public static final List<Option<?>> ALL = List.of(CONNECT_TIMEOUT, CLIENT_EVENT_LOOPS, CLIENT_PROXY,
            CLIENT_TRUSTSTORE, CLIENT_TRUSTSTORE_PASSWORD, PERMESSAGE_DEFLATE_OFFER,
            // reconnection
            CLIENT_RECONNECT, CLIENT_RECONNECT_DELAY, CLIENT_RECONNECT_MAX_DELAY, CLIENT_RECONNECT_ATTEMPTS,
            CLIENT_RECONNECT_TIME);
    /** Those a server container's own client connections use (they run on the server's event loops). */
    public static final List<Option<?>> OUTBOUND = List.of(CONNECT_TIMEOUT, CLIENT_PROXY, CLIENT_TRUSTSTORE,
            CLIENT_TRUSTSTORE_PASSWORD, PERMESSAGE_DEFLATE_OFFER);

    private ClientOptions() {
    }
}
