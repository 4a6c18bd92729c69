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

    /** Every client-only option, in the order the reference lists them. */
    public static final List<Option<?>> ALL = List.of(CONNECT_TIMEOUT, CLIENT_EVENT_LOOPS, CLIENT_PROXY,
            CLIENT_TRUSTSTORE, CLIENT_TRUSTSTORE_PASSWORD, PERMESSAGE_DEFLATE_OFFER);
    /** Those a server container's own client connections use (they run on the server's event loops). */
    public static final List<Option<?>> OUTBOUND = List.of(CONNECT_TIMEOUT, CLIENT_PROXY, CLIENT_TRUSTSTORE,
            CLIENT_TRUSTSTORE_PASSWORD, PERMESSAGE_DEFLATE_OFFER);

    private ClientOptions() {
    }
}
