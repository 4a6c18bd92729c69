package io.wssocket.handshake;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * An HTTP proxy that a client tunnels its WebSocket connection through with {@code CONNECT}
 * (RFC 9110 §9.3.6), written {@code http://[user:password@]host:port}.
 *
 * @param host the proxy's host name or address
 * @param port the proxy's port
 * @param authorization the {@code Proxy-Authorization} value (Basic, RFC 7617) or null for none
 */
public record ProxyAddress(String host, int port, String authorization) {
    public ProxyAddress {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("proxy port must be 1-65535, not " + port);
        }
    }

    /**
     * Reads {@code http://[user:password@]host[:port]} (port 80 when absent); null or blank gives null.
     *
     * @throws IllegalArgumentException naming what is wrong with the address
     */
    public static ProxyAddress parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("proxy address " + text + " is not a URI: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http")) {
            throw new IllegalArgumentException("proxy address " + text
                    + " must be http://host:port (the tunnel is opened with HTTP CONNECT)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("proxy address " + text + " has no host");
        }
        String authorization = null;
        if (uri.getRawUserInfo() != null) {
            String credentials = URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8);
            authorization = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        }
        return new ProxyAddress(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort(), authorization);
    }

    /**
     * The {@code CONNECT} request for a tunnel to {@code targetHost:targetPort} (RFC 9110 §9.3.6:
     * the request-target is the authority form, and {@code Host} names it too).
     */
    public byte[] connectRequest(String targetHost, int targetPort) {
        String authority = (targetHost.indexOf(':') >= 0 && !targetHost.startsWith("[")
                ? "[" + targetHost + "]" : targetHost) + ":" + targetPort;
        StringBuilder head = new StringBuilder(128).append("CONNECT ").append(authority).append(" HTTP/1.1\r\n");
        HttpSyntax.appendHeader(head, "Host", authority);
        if (authorization != null) {
            HttpSyntax.appendHeader(head, "Proxy-Authorization", authorization);
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** For logs: never the credentials. */
    @Override
    public String toString() {
        return "http://" + host + ":" + port;
    }
}
