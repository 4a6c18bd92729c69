package io.wssocket.handshake;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the PROXY protocol header (HAProxy's proxy-protocol.txt, versions 1 and 2) that a load
 * balancer sends before anything else on a connection, incrementally: bytes may arrive split
 * anywhere, and only the header's bytes are consumed, so what follows in the same read (an HTTP
 * request, a TLS ClientHello) stays in the buffer for the next stage.
 *
 * <p>Limits, so a peer cannot make this side hold or skip much: a v1 line is at most
 * {@value #V1_MAX_LINE} bytes with its CRLF (§2.1: the longest valid one); a v2 header at most
 * {@value #V2_MAX_LENGTH} bytes after its fixed 16. Only the first 52 bytes of a v2 header are kept
 * (the fixed part and an IPv6 address block); TLVs (§2.2) are checked to fill the header exactly
 * and skipped without being kept. The bound on v2 covers an AF_UNIX address block (216 bytes) and
 * what HAProxy and cloud balancers send as TLVs (ALPN and authority up to 255 bytes each, a unique
 * id up to 128, the SSL TLV with the client certificate's CN and cipher, a CRC32C, a namespace,
 * AWS's VPC endpoint id): under 1 KiB together, so 2 KiB leaves room and stays small.
 *
 * <p>A header is refused as soon as a byte shows it cannot be one (§2.1, §2.2: the receiver must
 * abort on anything that does not match exactly): a plain HTTP request fails at its first byte.
 */
public final class ProxyHeaderParser {
    /** The longest v1 line, CRLF included (§2.1). */
    public static final int V1_MAX_LINE = 107;
    /** The largest v2 length field taken: the header's bytes after its fixed 16. */
    public static final int V2_MAX_LENGTH = 2048;

    private static final byte[] V1_PREFIX = "PROXY ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final int V2_FIXED = 16;
    private static final int LOCAL = 0x0;
    private static final int PROXY = 0x1;
    private static final int AF_UNSPEC = 0x0;
    private static final int AF_INET = 0x1;
    private static final int AF_INET6 = 0x2;
    private static final int AF_UNIX = 0x3;
    private static final int STREAM = 0x1;
    private static final int DGRAM = 0x2;

    /** The v1 line, or the v2 fixed part and address block. */
    private final byte[] kept = new byte[V1_MAX_LINE];
    private int count;
    private int version;
    private ProxyHeader header;
    /** The whole header was read ({@code header} may be set earlier, from the addresses before TLVs). */
    private boolean done;
    // v2: the bytes announced after the fixed part, how many of them were read, and how they are read.
    private int length;
    private int afterFixed;
    /** The address block's size when its addresses are used (kept in {@code kept}), else 0. */
    private int keep;
    /** Bytes skipped unchecked: an address block not used, or the whole rest of a LOCAL or UNSPEC header. */
    private int rawLeft;
    private boolean checkTlvs;
    /** Bytes of the current TLV's type and length read (0-3), and the length when all three are in. */
    private int tlvHeaderRead;
    private int tlvLength;
    private int tlvValueLeft;

    /**
     * Consumes header bytes from {@code in}.
     *
     * @return true once the whole header was read: {@link #header()} holds it and {@code in} is
     *     positioned right after it; false when all of {@code in} was consumed and more is needed
     * @throws ProxyHeaderException when the bytes are no valid header or cross a limit
     */
    public boolean parse(ByteBuffer in) throws ProxyHeaderException {
        if (done) {
            return true;
        }
        while (in.hasRemaining()) {
            byte b = in.get();
            if (version == 2 && count >= V2_FIXED && afterFixed >= keep) {
                if (skip(b)) {
                    return true;
                }
                continue;
            }
            if (version == 0) {
                version = b == V1_PREFIX[0] ? 1 : b == V2_SIGNATURE[0] ? 2 : -1;
                if (version < 0) {
                    throw new ProxyHeaderException("no PROXY header: the connection starts with byte 0x"
                            + Integer.toHexString(b & 0xff) + " (is the load balancer configured to send one?)");
                }
            }
            if (version == 1 ? v1Byte(b) : v2Byte(b)) {
                return true;
            }
        }
        return false;
    }

    /** The header, once {@link #parse} returned true; null before. */
    public ProxyHeader header() {
        return done ? header : null;
    }

    // ---------------------------------------------------------------- version 1 (text)

    private boolean v1Byte(byte b) throws ProxyHeaderException {
        if (count < V1_PREFIX.length && b != V1_PREFIX[count]) {
            throw new ProxyHeaderException("no PROXY header: the connection does not start with \"PROXY \"");
        }
        if (count > 0 && kept[count - 1] == '\r' && b != '\n') {
            throw new ProxyHeaderException("PROXY v1 line has a CR not followed by LF");
        }
        if (b == '\n' && (count == 0 || kept[count - 1] != '\r')) {
            throw new ProxyHeaderException("PROXY v1 line ends with a bare LF, not CRLF");
        }
        if (count == V1_MAX_LINE) {
            throw new ProxyHeaderException("PROXY v1 line has no CRLF within " + V1_MAX_LINE + " bytes");
        }
        kept[count++] = b;
        if (b != '\n') {
            return false;
        }
        header = v1Line(new String(kept, 0, count - 2, StandardCharsets.ISO_8859_1));
        done = true;
        return true;
    }

    /** §2.1: "PROXY" SP ("TCP4" | "TCP6") SP src SP dst SP sport SP dport, or "PROXY UNKNOWN" and anything. */
    private static ProxyHeader v1Line(String line) throws ProxyHeaderException {
        String rest = line.substring(V1_PREFIX.length);
        if (rest.equals("UNKNOWN") || rest.startsWith("UNKNOWN ")) {
            return new ProxyHeader(1, null, null); // §2.1: the rest of the line is ignored
        }
        boolean tcp4 = rest.startsWith("TCP4 ");
        if (!tcp4 && !rest.startsWith("TCP6 ")) {
            throw new ProxyHeaderException("PROXY v1 protocol is not TCP4, TCP6 or UNKNOWN: " + printable(line));
        }
        String[] fields = rest.substring(5).split(" ", -1);
        if (fields.length != 4) {
            throw new ProxyHeaderException("PROXY v1 line does not have the four fields "
                    + "'source destination source-port destination-port' separated by single spaces: " + printable(line));
        }
        InetAddress source = v1Address(fields[0], tcp4, line);
        InetAddress destination = v1Address(fields[1], tcp4, line);
        return new ProxyHeader(1, new InetSocketAddress(source, v1Port(fields[2], line)),
                new InetSocketAddress(destination, v1Port(fields[3], line)));
    }

    private static InetAddress v1Address(String text, boolean tcp4, String line) throws ProxyHeaderException {
        InetAddress address = tcp4 == (text.indexOf(':') < 0) ? IpLiteral.parse(text) : null;
        if (address == null) {
            throw new ProxyHeaderException("PROXY v1 address '" + printable(text) + "' is not an "
                    + (tcp4 ? "IPv4" : "IPv6") + " address: " + printable(line));
        }
        return address;
    }

    /** A decimal 0-65535 without leading zeros (§2.1). */
    private static int v1Port(String text, String line) throws ProxyHeaderException {
        boolean digits = !text.isEmpty() && text.length() <= 5 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        int port = digits ? Integer.parseInt(text) : -1;
        if (port < 0 || port > 65535 || text.length() > 1 && text.charAt(0) == '0') {
            throw new ProxyHeaderException("PROXY v1 port '" + printable(text) + "' is not 0-65535 without leading zeros: "
                    + printable(line));
        }
        return port;
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\x%02x", (int) c));
            }
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- version 2 (binary)

    private boolean v2Byte(byte b) throws ProxyHeaderException {
        if (count < V2_SIGNATURE.length && b != V2_SIGNATURE[count]) {
            throw new ProxyHeaderException("no PROXY header: the connection does not start with \"PROXY \" or the v2 signature");
        }
        kept[count++] = b;
        if (count == 13 && (b & 0xf0) != 0x20) {
            throw new ProxyHeaderException("PROXY v2 header has version " + ((b & 0xf0) >> 4) + ", not 2");
        }
        if (count == 13 && (b & 0x0f) > PROXY) {
            throw new ProxyHeaderException("PROXY v2 header has command " + (b & 0x0f) + ", neither LOCAL (0) nor PROXY (1)");
        }
        int command = kept[12] & 0x0f;
        if (count == 14 && command == PROXY && ((b & 0xf0) >> 4 > AF_UNIX || (b & 0x0f) > DGRAM)) {
            throw new ProxyHeaderException("PROXY v2 header has address family and transport 0x"
                    + Integer.toHexString(b & 0xff) + ", not one of 0x00, 0x11, 0x12, 0x21, 0x22, 0x31, 0x32");
        }
        if (count < V2_FIXED) {
            return false;
        }
        if (count == V2_FIXED) {
            fixedPartRead(command);
            return length == 0 && finish();
        }
        afterFixed++; // an address byte kept
        if (afterFixed < keep) {
            return false;
        }
        header = v2Addresses();
        return afterFixed == length && finish();
    }

    /** The fixed 16 bytes are in: how the {@code length} bytes after them are read. */
    private void fixedPartRead(int command) throws ProxyHeaderException {
        length = (kept[14] & 0xff) << 8 | kept[15] & 0xff;
        if (length > V2_MAX_LENGTH) {
            throw new ProxyHeaderException("PROXY v2 header announces " + length + " bytes after its fixed part; at most "
                    + V2_MAX_LENGTH + " are taken");
        }
        int family = (kept[13] & 0xf0) >> 4;
        int transport = kept[13] & 0x0f;
        if (command == LOCAL || family == AF_UNSPEC) {
            // §2.2: LOCAL (a health check) and UNSPEC: the real endpoints; the block is discarded whole.
            rawLeft = length;
            return;
        }
        int block = family == AF_INET ? 12 : family == AF_INET6 ? 36 : 216;
        if (length < block) {
            throw new ProxyHeaderException("PROXY v2 header of " + length + " bytes after its fixed part is too short for its "
                    + block + "-byte address block");
        }
        if (transport == STREAM && family != AF_UNIX) {
            keep = block;
        } else {
            rawLeft = block; // a UNIX or datagram address is of no use here (§2.2: fall back to the real endpoints)
        }
        checkTlvs = true;
    }

    private ProxyHeader v2Addresses() {
        int size = keep == 12 ? 4 : 16;
        byte[] source = java.util.Arrays.copyOfRange(kept, V2_FIXED, V2_FIXED + size);
        byte[] destination = java.util.Arrays.copyOfRange(kept, V2_FIXED + size, V2_FIXED + 2 * size);
        int ports = V2_FIXED + 2 * size;
        try {
            return new ProxyHeader(2,
                    new InetSocketAddress(InetAddress.getByAddress(source), (kept[ports] & 0xff) << 8 | kept[ports + 1] & 0xff),
                    new InetSocketAddress(InetAddress.getByAddress(destination),
                            (kept[ports + 2] & 0xff) << 8 | kept[ports + 3] & 0xff));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // 4 or 16 bytes: cannot happen
        }
    }

    /** One byte after the kept address block: a skipped address block or LOCAL/UNSPEC rest, then TLVs (checked to fit). */
    private boolean skip(byte b) throws ProxyHeaderException {
        afterFixed++;
        if (rawLeft > 0) {
            rawLeft--;
        } else if (checkTlvs) {
            if (tlvValueLeft > 0) {
                tlvValueLeft--;
            } else {
                tlvHeaderRead++;
                tlvLength = tlvHeaderRead == 1 ? 0 : tlvLength << 8 | b & 0xff;
                if (tlvHeaderRead == 3) {
                    tlvHeaderRead = 0;
                    tlvValueLeft = tlvLength;
                    if (tlvValueLeft > length - afterFixed) {
                        throw new ProxyHeaderException("PROXY v2 TLV of " + tlvLength + " bytes runs past the header's end");
                    }
                }
            }
        }
        if (afterFixed < length) {
            return false;
        }
        if (tlvHeaderRead != 0) {
            throw new ProxyHeaderException("PROXY v2 header ends inside a TLV's type and length");
        }
        return finish();
    }

    private boolean finish() {
        done = true;
        if (header == null) {
            header = new ProxyHeader(2, null, null);
        }
        return true;
    }
}
