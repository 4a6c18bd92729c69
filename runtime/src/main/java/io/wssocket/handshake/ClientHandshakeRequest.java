package io.wssocket.handshake;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * A client's opening handshake request (RFC 6455 §4.1), built from a {@code ws://} or
 * {@code wss://} URI:
 * <pre>
 * GET /chat?room=1 HTTP/1.1
 * Host: example.com:8080
 * Upgrade: websocket
 * Connection: Upgrade
 * Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==
 * Origin: https://example.com
 * Sec-WebSocket-Protocol: chat, superchat
 * Sec-WebSocket-Version: 13
 * Sec-WebSocket-Extensions: permessage-deflate
 * </pre>
 * followed by the extra headers in their iteration order. Header names must be tokens and values
 * must not hold CR, LF or other control characters, so no header can be injected.
 *
 * <p>Extra headers (as a Jakarta {@code ClientEndpointConfig.Configurator.beforeRequest} leaves
 * them) may replace {@code Host} and {@code Origin}; the headers that carry the handshake itself
 * are refused there, since the answer is checked against what this request says.
 */
public final class ClientHandshakeRequest {
    /** Headers computed from the builder's state; setting them as extra headers is refused. */
    private static final Set<String> MANAGED = caseInsensitive("Upgrade", "Connection", "Sec-WebSocket-Key",
            "Sec-WebSocket-Version", "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions", "Sec-WebSocket-Accept");
    /** Headers computed by default that extra headers replace. */
    private static final Set<String> REPLACEABLE = caseInsensitive("Host", "Origin");

    private final byte[] bytes;
    private final String key;
    private final String target;
    private final List<String> subprotocols;
    private final List<ExtensionOffer> extensions;
    private final Map<String, List<String>> headers;

    private ClientHandshakeRequest(byte[] bytes, String key, String target, List<String> subprotocols,
            List<ExtensionOffer> extensions, Map<String, List<String>> headers) {
        this.bytes = bytes;
        this.headers = headers;
        this.key = key;
        this.target = target;
        this.subprotocols = subprotocols;
        this.extensions = extensions;
    }

    /** Starts a request to {@code uri}, which must be {@code ws://} or {@code wss://} without fragment. */
    public static Builder to(URI uri) {
        return new Builder(uri);
    }

    /**
     * A {@code Sec-WebSocket-Key}: 16 bytes from {@code random}, base64-encoded (RFC 6455 §4.1 item 7);
     * {@code random} is a {@link java.security.SecureRandom} in production.
     */
    public static String newKey(Random random) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /** The request head as ISO-8859-1 bytes: a new heap buffer at position 0 on every call. */
    public ByteBuffer bytes() {
        return ByteBuffer.wrap(bytes.clone());
    }

    /** The {@code Sec-WebSocket-Key} sent, for {@link ClientHandshakeValidator#validate}. */
    public String key() {
        return key;
    }

    /** The request-target: the URI's path (or "/") and query, percent-encoded ASCII. */
    public String target() {
        return target;
    }

    /** Every header of the request, in the order written, names as written; unmodifiable. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The subprotocols requested, in order of preference; empty when none. */
    public List<String> subprotocols() {
        return subprotocols;
    }

    /** The extensions offered, in order of preference; empty when none. */
    public List<ExtensionOffer> extensions() {
        return extensions;
    }

    /** The names of the extensions offered, for {@link ClientHandshakeValidator#validate}. */
    public List<String> extensionNames() {
        return extensions.stream().map(ExtensionOffer::name).toList();
    }

    /** Options of a handshake request; not thread-safe. */
    public static final class Builder {
        private final URI uri;
        private List<String> subprotocols = List.of();
        private List<ExtensionOffer> extensions = List.of();
        private String origin;
        private Map<String, List<String>> headers = Map.of();
        private String key;

        private Builder(URI uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
        }

        /** {@code Sec-WebSocket-Protocol}: distinct tokens in order of preference (RFC 6455 §4.1 item 10). */
        public Builder subprotocols(List<String> subprotocols) {
            this.subprotocols = List.copyOf(subprotocols);
            return this;
        }

        /** {@code Sec-WebSocket-Extensions}, in order of preference (RFC 6455 §9.1). */
        public Builder extensions(List<ExtensionOffer> extensions) {
            this.extensions = List.copyOf(extensions);
            return this;
        }

        /** {@code Origin} (RFC 6455 §4.1 item 8, RFC 6454); null for none, as non-browser clients may. */
        public Builder origin(String origin) {
            this.origin = origin;
            return this;
        }

        /**
         * {@code Sec-WebSocket-Key} made beforehand with {@link #newKey}, for callers that show the
         * request headers to someone (a Jakarta configurator) before the request is built.
         */
        public Builder key(String key) {
            this.key = Objects.requireNonNull(key, "key");
            return this;
        }

        /** Extra headers written after the handshake's own, in iteration order; see the class comment. */
        public Builder headers(Map<String, List<String>> headers) {
            this.headers = Objects.requireNonNull(headers, "headers");
            return this;
        }

        /**
         * Builds the request, with a fresh key unless one was given.
         *
         * @param random where the 16 bytes of the key come from: a {@link java.security.SecureRandom}
         *     in production (RFC 6455 §4.1 item 7 and §10.3: the nonce must be unpredictable)
         * @throws IllegalArgumentException when the URI, a subprotocol or a header cannot be sent
         */
        public ClientHandshakeRequest build(Random random) {
            String key = this.key != null ? this.key : newKey(random);

            // RFC 6455 §3 / §4.1 item 1: ws or wss, no fragment; take the ASCII form so that the
            // request-target and Host are percent-encoded and punycode-free ASCII only.
            URI ascii = URI.create(uri.toASCIIString());
            String scheme = ascii.getScheme() == null ? "" : ascii.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("ws") && !scheme.equals("wss")) {
                throw new IllegalArgumentException(
                        "A WebSocket URI must start with ws:// or wss://, not " + uri + " (RFC 6455 §3)");
            }
            if (ascii.getRawFragment() != null) {
                throw new IllegalArgumentException(
                        "A WebSocket URI must not have a fragment (#...): " + uri + " (RFC 6455 §3)");
            }
            String host = ascii.getHost();
            if (host == null || host.isEmpty()) {
                throw new IllegalArgumentException("The WebSocket URI " + uri + " has no host (RFC 6455 §3)");
            }
            if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
                // RFC 3986 §3.2.2: an IPv6 literal is enclosed in brackets.
                host = "[" + host + "]";
            }
            int port = ascii.getPort();
            int defaultPort = scheme.equals("ws") ? 80 : 443;
            String hostHeader = port < 0 || port == defaultPort ? host : host + ":" + port;

            // RFC 6455 §4.1 item 3: path (or "/") and query, no fragment.
            String path = ascii.getRawPath() == null || ascii.getRawPath().isEmpty() ? "/" : ascii.getRawPath();
            String target = ascii.getRawQuery() == null ? path : path + "?" + ascii.getRawQuery();
            if (!target.startsWith("/")) {
                throw new IllegalArgumentException("The WebSocket URI " + uri + " is not hierarchical (RFC 6455 §3)");
            }

            Set<String> seen = new HashSet<>();
            for (String subprotocol : subprotocols) {
                // RFC 6455 §4.1 item 10: tokens, all unique.
                if (!HttpSyntax.isToken(subprotocol)) {
                    throw new IllegalArgumentException("Subprotocol \"" + subprotocol + "\" is not a token (RFC 6455 §4.1)");
                }
                if (!seen.add(subprotocol)) {
                    throw new IllegalArgumentException("Subprotocol \"" + subprotocol
                            + "\" is requested twice; the list must be unique (RFC 6455 §4.1)");
                }
            }

            Map<String, String> replaced = new LinkedHashMap<>();
            headers.forEach((name, values) -> {
                Objects.requireNonNull(values, () -> "values of header " + name);
                checkName(name);
                if (MANAGED.contains(name)) {
                    throw new IllegalArgumentException("Header " + name + " is set by the WebSocket handshake itself;"
                            + " use the builder's subprotocols/extensions options instead of an extra header");
                }
                if (REPLACEABLE.contains(name) && values.size() != 1) {
                    throw new IllegalArgumentException("Header " + name + " must have exactly one value, has "
                            + values.size());
                }
            });

            Map<String, List<String>> written = new LinkedHashMap<>();
            header(written, "Host", replacement("Host", hostHeader));
            header(written, "Upgrade", "websocket");
            header(written, "Connection", "Upgrade");
            header(written, "Sec-WebSocket-Key", key);
            String originValue = replacement("Origin", origin);
            if (originValue != null) {
                header(written, "Origin", originValue);
            }
            if (!subprotocols.isEmpty()) {
                header(written, "Sec-WebSocket-Protocol", String.join(", ", subprotocols));
            }
            header(written, "Sec-WebSocket-Version", "13");
            if (!extensions.isEmpty()) {
                List<String> values = new ArrayList<>(extensions.size());
                extensions.forEach(e -> values.add(e.toHeaderValue()));
                header(written, "Sec-WebSocket-Extensions", String.join(", ", values));
            }
            headers.forEach((name, values) -> {
                if (!REPLACEABLE.contains(name)) {
                    values.forEach(value -> header(written, name, value));
                }
            });
            StringBuilder head = new StringBuilder(256);
            head.append("GET ").append(target).append(" HTTP/1.1\r\n");
            written.forEach((name, values) -> values.forEach(value -> HttpSyntax.appendHeader(head, name, value)));
            head.append("\r\n");
            written.replaceAll((name, values) -> List.copyOf(values));
            return new ClientHandshakeRequest(head.toString().getBytes(StandardCharsets.ISO_8859_1), key, target,
                    subprotocols, extensions, Collections.unmodifiableMap(written));
        }

        /** The value of {@code name} among the extra headers, matched ignoring case, or {@code otherwise}. */
        private String replacement(String name, String otherwise) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return otherwise;
        }
    }

    private static void checkName(String name) {
        if (!HttpSyntax.isToken(name)) {
            throw new IllegalArgumentException("Header name is not a token: \"" + name + "\" (RFC 9110 §5.1)");
        }
    }

    private static void header(Map<String, List<String>> headers, String name, String value) {
        headers.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
    }

    private static Set<String> caseInsensitive(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(names));
        return set;
    }
}
