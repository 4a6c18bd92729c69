package io.wssocket.handshake;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The client's address from the headers proxies add to a request: RFC 7239 {@code Forwarded}
 * ({@code for=}) or the older {@code X-Forwarded-For}. Each proxy appends the address it received
 * the request from, so the list is read from the right: the hops that are trusted proxies are
 * skipped, and the first one that is not is the client (what lies left of it was written by that
 * client and proves nothing). When every hop is trusted, the leftmost is the client.
 *
 * <p>A hop that names no address ({@code unknown}, an obfuscated {@code _name}, RFC 7239 §6.2-6.3,
 * or a {@code Forwarded} element without {@code for}) ends the walk with no answer: the proxy
 * chose not to tell, and going further left would read what the client wrote.
 */
public final class ForwardedAddress {
    private ForwardedAddress() {
    }

    /**
     * The client's address from the {@code Forwarded} header's values (one per header line).
     *
     * @return the client's address (port 0 when the node names none), or null when a hop names no address or there is no header
     * @throws IllegalArgumentException naming what is malformed (RFC 7239 §4, §6)
     */
    public static InetSocketAddress fromForwarded(List<String> values, TrustedProxies trusted) {
        List<InetSocketAddress> hops = new ArrayList<>();
        for (String value : values) {
            for (String element : splitList(value, ',')) {
                hops.add(forNode(element));
            }
        }
        return client(hops, trusted);
    }

    /**
     * The client's address from the {@code X-Forwarded-For} header's values: addresses separated by
     * commas, IPv4 with an optional port, IPv6 bare or in brackets with an optional port.
     *
     * @return the client's address (port 0 when none is given), or null when a hop is {@code unknown} or there is no header
     * @throws IllegalArgumentException naming the entry that is no address
     */
    public static InetSocketAddress fromXForwardedFor(List<String> values, TrustedProxies trusted) {
        List<InetSocketAddress> hops = new ArrayList<>();
        for (String value : values) {
            for (String entry : splitList(value, ',')) {
                if (entry.equalsIgnoreCase("unknown")) {
                    hops.add(null);
                    continue;
                }
                InetSocketAddress node = node(entry, true);
                if (node == null) {
                    throw new IllegalArgumentException("X-Forwarded-For entry '" + entry + "' is not an IP address");
                }
                hops.add(node);
            }
        }
        return client(hops, trusted);
    }

    private static InetSocketAddress client(List<InetSocketAddress> hops, TrustedProxies trusted) {
        InetSocketAddress last = null;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetSocketAddress hop = hops.get(i);
            if (hop == null) {
                return null;
            }
            if (!trusted.contains(hop.getAddress())) {
                return hop;
            }
            last = hop;
        }
        return last;
    }

    /** The {@code for} node of one forwarded-element: pairs {@code token=value} separated by ';'. */
    private static InetSocketAddress forNode(String element) {
        String node = null;
        for (String pair : splitList(element, ';')) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || !isToken(pair, 0, eq)) {
                throw new IllegalArgumentException("Forwarded pair '" + pair + "' is not token=value");
            }
            String value = value(pair.substring(eq + 1));
            if (pair.substring(0, eq).equalsIgnoreCase("for")) {
                if (node != null) {
                    throw new IllegalArgumentException("Forwarded element '" + element + "' has 'for' twice (RFC 7239 §4)");
                }
                node = value;
            }
        }
        if (node == null) {
            return null; // this hop did not say: nothing left of it can be believed
        }
        String lower = node.toLowerCase(Locale.ROOT);
        if (lower.equals("unknown") || lower.startsWith("unknown:") || node.startsWith("_")) {
            return null; // RFC 7239 §6.2, §6.3
        }
        InetSocketAddress address = node(node, false);
        if (address == null) {
            throw new IllegalArgumentException("Forwarded for=" + node + " is not an address (RFC 7239 §6)");
        }
        return address;
    }

    /** A token, or a quoted-string with its quotes and escapes taken away (RFC 7230 §3.2.6). */
    private static String value(String text) {
        if (!text.startsWith("\"")) {
            if (text.isEmpty() || !isToken(text, 0, text.length())) {
                throw new IllegalArgumentException("Forwarded value '" + text + "' is neither a token nor a quoted string");
            }
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                if (i != text.length() - 1) {
                    throw new IllegalArgumentException("Forwarded value '" + text + "' has text after its closing quote");
                }
                return out.toString();
            }
            if (c == '\\' && i + 1 < text.length()) {
                c = text.charAt(++i);
            }
            out.append(c);
        }
        throw new IllegalArgumentException("Forwarded value '" + text + "' has no closing quote");
    }

    /**
     * {@code IPv4[:port]} or {@code [IPv6][:port]} (RFC 7239 §6), and, when {@code bareIpv6}, an
     * IPv6 address without brackets (X-Forwarded-For). A port may be obfuscated ({@code _x}): port 0.
     */
    private static InetSocketAddress node(String text, boolean bareIpv6) {
        String host = text;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = text.substring(1, close);
            if (close + 1 < text.length()) {
                if (text.charAt(close + 1) != ':') {
                    return null;
                }
                port = text.substring(close + 2);
            }
            if (host.indexOf(':') < 0) {
                return null; // brackets hold IPv6 only
            }
        } else {
            int colon = text.indexOf(':');
            if (colon >= 0 && text.indexOf(':', colon + 1) < 0) {
                host = text.substring(0, colon);
                port = text.substring(colon + 1);
            } else if (colon >= 0 && !bareIpv6) {
                return null; // RFC 7239 §6: IPv6 in brackets
            }
        }
        InetAddress address = IpLiteral.parse(host);
        int number = port == null ? 0 : port(port);
        return address == null || number < 0 ? null : new InetSocketAddress(address, number);
    }

    private static int port(String text) {
        if (text.startsWith("_") && text.length() > 1) {
            return 0; // obfuscated port (RFC 7239 §6.3)
        }
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int port = Integer.parseInt(text);
        return port <= 65535 ? port : -1;
    }

    /** Splits at {@code separator} outside quoted strings; parts trimmed of spaces and tabs, empty parts dropped (RFC 7230 §7). */
    private static List<String> splitList(String text, char separator) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : separator;
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
                if (i >= text.length()) {
                    throw new IllegalArgumentException("'" + text + "' has an unclosed quoted string");
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == separator) {
                String part = text.substring(start, i).strip();
                if (!part.isEmpty()) {
                    parts.add(part);
                }
                start = i + 1;
            }
        }
        return parts;
    }

    private static boolean isToken(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!HttpSyntax.isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return to > from;
    }
}
