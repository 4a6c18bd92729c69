package io.wssocket.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An origin as a browser serializes it in the {@code Origin} header (RFC 6454 §6.2:
 * {@code scheme "://" host [ ":" port ]}, nothing else), normalized for comparison: scheme and
 * host in lower case, IPv6 literals in one spelling, the port made explicit from the scheme's
 * default. Anything else (a path, userinfo, a query, spaces) is not an origin and parses to null,
 * so a look-alike such as {@code https://app.example@evil.example} can never match.
 *
 * @param port the explicit port, or the scheme's default, or -1 for a scheme without one
 */
record WebOrigin(String scheme, String host, int port) {
    // RFC 3986 §3.1 scheme; host is a reg-name or IPv4 (§3.2.2) or an IPv6 literal in brackets; port is digits.
    private static final Pattern ORIGIN = Pattern.compile(
            "([a-z][a-z0-9+.-]*)://(\\[[0-9a-f:.]+\\]|[a-z0-9._~!$&'()*+,;=%-]+)(?::([0-9]{1,5}))?");
    private static final Pattern HOST = Pattern.compile("(\\[[0-9a-f:.]+\\]|[a-z0-9._~!$&'()*+,;=%-]+)(?::([0-9]{1,5}))?");

    /** The origin in {@code value}, or null when it is not one (the opaque origin {@code null} included). */
    static WebOrigin parse(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = ORIGIN.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        String scheme = m.group(1);
        String host = normalHost(m.group(2));
        int port = m.group(3) != null ? Integer.parseInt(m.group(3)) : defaultPort(scheme);
        return host == null || port > 65535 ? null : new WebOrigin(scheme, host, port);
    }

    /**
     * Whether this origin names the host and port a request was sent to, as its {@code Host}
     * header says (RFC 9112 §3.2). Only web schemes take part: a same-origin page opens
     * {@code ws://} or {@code wss://} to the host it came from. A Host without a port stands for
     * the default port of the origin's scheme, so that {@code https://chat.example} matches
     * {@code Host: chat.example} also behind a proxy that ends TLS in front of a plain port.
     */
    boolean isSameHostAs(String hostHeader) {
        if (hostHeader == null || defaultPort(scheme) < 0) {
            return false;
        }
        Matcher m = HOST.matcher(hostHeader.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return false;
        }
        String requestHost = normalHost(m.group(1));
        int requestPort = m.group(2) != null ? Integer.parseInt(m.group(2)) : defaultPort(scheme);
        return host.equals(requestHost) && port == requestPort;
    }

    /** {@code scheme://host:port}, the form listed origins are compared in. */
    String serialized() {
        return scheme + "://" + host + (port >= 0 ? ":" + port : "");
    }

    /** RFC 6454 §4 step 5 takes the default port from the scheme; ws/wss as RFC 6455 §3 defines them. */
    private static int defaultPort(String scheme) {
        switch (scheme) {
            case "http":
            case "ws":
                return 80;
            case "https":
            case "wss":
                return 443;
            default:
                return -1;
        }
    }

    /**
     * Lower-case host; an IPv6 literal in its one canonical spelling ({@code [::1]} and
     * {@code [0:0::1]} are the same host). Bracketed text holds only hex digits, colons and dots, so
     * the JDK parses it as a literal and never asks DNS; null when it is no address.
     */
    private static String normalHost(String host) {
        if (!host.startsWith("[")) {
            return host;
        }
        try {
            return "[" + InetAddress.getByName(host).getHostAddress() + "]";
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
