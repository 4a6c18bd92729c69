package io.wssocket.handshake;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IP addresses written as text, read strictly and without any name lookup: a PROXY header, a
 * {@code Forwarded} or {@code X-Forwarded-For} value and the trusted-proxies option all carry
 * them. {@code InetAddress.getByName} is not used on purpose: it resolves anything that is not a
 * literal (a DNS query chosen by a peer) and reads legacy forms such as {@code 10.1} or zone ids.
 */
public final class IpLiteral {
    private IpLiteral() {
    }

    /**
     * Reads a dotted-quad IPv4 address (no leading zeros, which some readers take for octal:
     * PROXY protocol §2.1) or an IPv6 address in RFC 4291 §2.2 text form (one {@code ::} at most, an
     * IPv4 tail allowed), without brackets or zone.
     *
     * @return the address, or null when {@code text[from, to)} is not one
     */
    public static InetAddress parse(CharSequence text, int from, int to) {
        byte[] bytes = indexOf(text, from, to, ':') >= 0 ? ipv6(text, from, to) : ipv4(text, from, to);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes); // no lookup for raw bytes
        } catch (UnknownHostException e) {
            return null; // only for a wrong length, which cannot happen
        }
    }

    /** As {@link #parse(CharSequence, int, int)} for the whole text. */
    public static InetAddress parse(CharSequence text) {
        return parse(text, 0, text.length());
    }

    private static byte[] ipv4(CharSequence s, int from, int to) {
        byte[] out = new byte[4];
        return ipv4Into(s, from, to, out, 0) ? out : null;
    }

    private static boolean ipv4Into(CharSequence s, int from, int to, byte[] out, int at) {
        int part = 0;
        int i = from;
        while (part < 4) {
            int start = i;
            int value = 0;
            while (i < to && i - start < 3 && isDigit(s.charAt(i))) {
                value = value * 10 + s.charAt(i) - '0';
                i++;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || digits > 1 && s.charAt(start) == '0') {
                return false;
            }
            out[at + part++] = (byte) value;
            if (part < 4) {
                if (i >= to || s.charAt(i) != '.') {
                    return false;
                }
                i++;
            }
        }
        return i == to;
    }

    private static byte[] ipv6(CharSequence s, int from, int to) {
        byte[] out = new byte[16];
        int groups = 0;      // 16-bit groups written so far
        int gap = -1;        // where "::" stands, in groups
        int i = from;
        if (to - from >= 2 && s.charAt(from) == ':' && s.charAt(from + 1) == ':') {
            gap = 0;
            i += 2;
            if (i == to) {
                return out; // "::"
            }
        } else if (i < to && s.charAt(i) == ':') {
            return null; // a single leading colon
        }
        while (i < to) {
            if (groups == 8) {
                return null;
            }
            int start = i;
            int value = 0;
            while (i < to && i - start < 5 && Character.digit(s.charAt(i), 16) >= 0) {
                value = value * 16 + Character.digit(s.charAt(i), 16);
                i++;
            }
            if (i < to && s.charAt(i) == '.') {
                // An IPv4 tail takes the last two groups (RFC 4291 §2.2, form 3).
                if (groups > 6 || !ipv4Into(s, start, to, out, groups * 2)) {
                    return null;
                }
                groups += 2;
                i = to;
                break;
            }
            if (i == start || i - start > 4) {
                return null;
            }
            out[groups * 2] = (byte) (value >> 8);
            out[groups * 2 + 1] = (byte) value;
            groups++;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < to && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return null; // a second "::"
                }
                gap = groups;
                i++;
                if (i == to) {
                    break;
                }
            } else if (i == to) {
                return null; // a trailing single colon
            }
        }
        if (gap < 0) {
            return groups == 8 ? out : null;
        }
        if (groups == 8) {
            return null; // "::" must stand for at least one group
        }
        int moved = groups - gap;
        System.arraycopy(out, gap * 2, out, 16 - moved * 2, moved * 2);
        java.util.Arrays.fill(out, gap * 2, 16 - moved * 2, (byte) 0);
        return out;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int indexOf(CharSequence s, int from, int to, char c) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }
}
