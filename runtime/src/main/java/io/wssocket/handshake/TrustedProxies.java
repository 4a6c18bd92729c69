package io.wssocket.handshake;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The peers whose word on a client's address is taken (option trusted-proxies): addresses and
 * CIDR blocks, IPv4 and IPv6, e.g. {@code 10.0.0.0/8, 192.168.1.7, fd00::/8}. Immutable.
 *
 * <p>An IPv4-mapped IPv6 peer ({@code ::ffff:10.1.2.3}, what a dual-stack socket reports for an
 * IPv4 client) is the IPv4 address to the JDK already, so an IPv4 block matches it.
 */
public final class TrustedProxies {
    /** Trusts nobody. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of(), "");

    private final List<Block> blocks;
    private final String text;

    private TrustedProxies(List<Block> blocks, String text) {
        this.blocks = blocks;
        this.text = text;
    }

    /** One address block: the first {@code bits} bits of {@code network}. */
    private record Block(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }

    /**
     * Reads a comma-separated list of addresses and {@code address/prefix} blocks; blank gives
     * {@link #NONE}. Host bits set below the prefix are refused, as a sign of a typing mistake.
     *
     * @throws IllegalArgumentException naming the entry that is not an address or block
     */
    public static TrustedProxies parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<Block> blocks = new ArrayList<>();
        for (String raw : text.split(",", -1)) {
            String entry = raw.trim();
            int slash = entry.indexOf('/');
            InetAddress address = IpLiteral.parse(entry, 0, slash < 0 ? entry.length() : slash);
            if (address == null) {
                throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR block "
                        + "(e.g. 10.0.0.0/8, 192.168.1.7, fd00::/8)");
            }
            byte[] network = address.getAddress();
            boolean ipv6Text = entry.lastIndexOf(':', slash < 0 ? entry.length() : slash) >= 0;
            int max = ipv6Text ? 128 : 32;
            int bits = max;
            if (slash >= 0) {
                String prefix = entry.substring(slash + 1);
                bits = prefix.matches("[0-9]{1,3}") ? Integer.parseInt(prefix) : -1;
                if (bits < 0 || bits > max) {
                    throw new IllegalArgumentException("'" + entry + "' has a prefix length that is not 0-" + max);
                }
            }
            if (ipv6Text && network.length == 4) {
                // The JDK reads ::ffff:10.0.0.0 as IPv4: the prefix counted the 96 bits of the mapping.
                bits -= 96;
                if (bits < 0) {
                    throw new IllegalArgumentException("'" + entry + "' is an IPv4-mapped block shorter than ::ffff:0:0/96");
                }
            }
            if (hostBitsSet(network, bits)) {
                throw new IllegalArgumentException("'" + entry + "' has bits set past its /" + bits + " prefix");
            }
            blocks.add(new Block(network, bits));
        }
        return new TrustedProxies(List.copyOf(blocks), text.trim());
    }

    private static boolean hostBitsSet(byte[] network, int bits) {
        for (int bit = bits; bit < network.length * 8; bit++) {
            if ((network[bit / 8] & 0x80 >> bit % 8) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether any address is trusted. */
    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** Whether {@code address} lies in one of the blocks. */
    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] bytes = address.getAddress();
        for (Block block : blocks) {
            if (block.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** The list as it was given. */
    @Override
    public String toString() {
        return text;
    }
}
