package io.wssocket.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The PROXY header as HAProxy's proxy-protocol.txt defines it: every valid form, and every way to break it. */
class ProxyHeaderParserTest {
    static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    static ProxyHeader parse(byte[] bytes) throws ProxyHeaderException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        ProxyHeaderParser parser = new ProxyHeaderParser();
        assertThat(parser.parse(in)).as("header complete").isTrue();
        return parser.header();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A v2 header: version/command byte, family byte, the bytes after the fixed part (their length is computed). */
    static byte[] v2(int versionCommand, int family, byte[] rest) {
        return ByteBuffer.allocate(16 + rest.length).put(SIGNATURE).put((byte) versionCommand).put((byte) family)
                .putShort((short) rest.length).put(rest).array();
    }

    static byte[] ipv4Block() {
        return new byte[] {(byte) 203, 0, 113, 7, 127, 0, 0, 1, 0x12, 0x67, 0x1f, (byte) 0x90}; // 4711 → 8080
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static InetSocketAddress at(String address, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(address), port);
    }

    @Test
    void versionOneTcp4() throws Exception {
        ProxyHeader h = parse(ascii("PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\n"));
        assertThat(h).isEqualTo(new ProxyHeader(1, at("192.168.0.1", 56324), at("192.168.0.11", 443)));
    }

    @Test
    void versionOneTcp6CompressedAndFullAndTheLongestLine() throws Exception {
        assertThat(parse(ascii("PROXY TCP6 2001:db8::1 ::1 4711 8080\r\n")).source()).isEqualTo(at("2001:db8::1", 4711));
        String full = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";
        byte[] longest = ascii("PROXY UNKNOWN " + full + " " + full + " 65535 65535\r\n");
        assertThat(longest).hasSize(ProxyHeaderParser.V1_MAX_LINE);
        assertThat(parse(longest)).isEqualTo(new ProxyHeader(1, null, null));
        assertThat(parse(ascii("PROXY TCP6 " + full + " ::ffff:127.0.0.1 65535 0\r\n")).source()).isEqualTo(at(full, 65535));
    }

    @Test
    void versionOneUnknownIgnoresTheRestOfTheLine() throws Exception {
        assertThat(parse(ascii("PROXY UNKNOWN\r\n"))).isEqualTo(new ProxyHeader(1, null, null));
        assertThat(parse(ascii("PROXY UNKNOWN whatever is here\r\n"))).isEqualTo(new ProxyHeader(1, null, null));
    }

    @Test
    void onlyTheHeaderIsConsumed() throws Exception {
        ByteBuffer in = ByteBuffer.wrap(ascii("PROXY TCP4 1.2.3.4 5.6.7.8 1 2\r\nGET / HTTP/1.1\r\n"));
        ProxyHeaderParser parser = new ProxyHeaderParser();
        assertThat(parser.parse(in)).isTrue();
        assertThat(StandardCharsets.ISO_8859_1.decode(in).toString()).isEqualTo("GET / HTTP/1.1\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET / HTTP/1.1\r\n",                                  // no header at all
        "proxy TCP4 1.2.3.4 5.6.7.8 1 2\r\n",                   // case matters
        "PROXY  TCP4 1.2.3.4 5.6.7.8 1 2\r\n",                  // two spaces
        "PROXY TCP5 1.2.3.4 5.6.7.8 1 2\r\n",                   // no such protocol
        "PROXY TCP4 1.2.3.4 5.6.7.8 1\r\n",                     // a field missing
        "PROXY TCP4 1.2.3.4 5.6.7.8 1 2 3\r\n",                 // a field too many
        "PROXY TCP4 1.2.3.4  5.6.7.8 1 2\r\n",                  // an empty field
        "PROXY TCP4 1.2.3.4 5.6.7.8 1 2 \r\n",                  // trailing space
        "PROXY TCP4 1.2.3.04 5.6.7.8 1 2\r\n",                  // leading zero in an address
        "PROXY TCP4 1.2.3.256 5.6.7.8 1 2\r\n",                 // octet out of range
        "PROXY TCP4 1.2.3 5.6.7.8 1 2\r\n",                     // three octets
        "PROXY TCP4 ::1 5.6.7.8 1 2\r\n",                       // IPv6 under TCP4
        "PROXY TCP6 1.2.3.4 ::1 1 2\r\n",                       // IPv4 under TCP6
        "PROXY TCP6 1::2::3 ::1 1 2\r\n",                       // two "::"
        "PROXY TCP6 12345::1 ::1 1 2\r\n",                      // five hex digits
        "PROXY TCP4 localhost 5.6.7.8 1 2\r\n",                 // a name, never looked up
        "PROXY TCP4 1.2.3.4 5.6.7.8 01 2\r\n",                  // leading zero in a port
        "PROXY TCP4 1.2.3.4 5.6.7.8 65536 2\r\n",               // port out of range
        "PROXY TCP4 1.2.3.4 5.6.7.8 -1 2\r\n",                  // negative port
        "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\n",                     // bare LF
        "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\rX\n",                  // CR without LF
        "PROXY TCP4 1.2.3.4\r5.6.7.8 1 2\r\n",                  // CR inside
        "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\u00e9\r\n",              // not ASCII
    })
    void aMalformedVersionOneLineIsRefused(String line) {
        assertThatThrownBy(() -> parse(ascii(line))).isInstanceOf(ProxyHeaderException.class);
    }

    @Test
    void aVersionOneLineWithoutCrlfWithin107BytesIsRefused() {
        byte[] tooLong = ascii("PROXY UNKNOWN " + "x".repeat(200) + "\r\n");
        assertThatThrownBy(() -> parse(tooLong)).isInstanceOf(ProxyHeaderException.class).hasMessageContaining("107");
    }

    @Test
    void versionTwoTcpOverIpv4AndIpv6() throws Exception {
        assertThat(parse(v2(0x21, 0x11, ipv4Block())))
                .isEqualTo(new ProxyHeader(2, at("203.0.113.7", 4711), at("127.0.0.1", 8080)));
        byte[] ipv6 = ByteBuffer.allocate(36).put(InetAddress.getByName("2001:db8::1").getAddress())
                .put(InetAddress.getByName("::1").getAddress()).putShort((short) 65535).putShort((short) 443).array();
        assertThat(parse(v2(0x21, 0x21, ipv6))).isEqualTo(new ProxyHeader(2, at("2001:db8::1", 65535), at("::1", 443)));
    }

    @Test
    void versionTwoTlvsAreSkippedAndNotKept() throws Exception {
        byte[] tlvs = concat(new byte[] {0x01, 0x00, 0x02, 'h', '2'}, new byte[] {0x04, 0x00, 0x00},
                concat(new byte[] {0x05, 0x00, (byte) 128}, new byte[128]));
        ByteBuffer in = ByteBuffer.wrap(concat(v2(0x21, 0x11, concat(ipv4Block(), tlvs)), ascii("GET")));
        ProxyHeaderParser parser = new ProxyHeaderParser();
        assertThat(parser.parse(in)).isTrue();
        assertThat(parser.header().source()).isEqualTo(at("203.0.113.7", 4711));
        assertThat(in.remaining()).isEqualTo(3);
    }

    @Test
    void versionTwoLocalUsesTheConnectionsAddressesWhateverTheBlockHolds() throws Exception {
        assertThat(parse(v2(0x20, 0x00, new byte[0]))).isEqualTo(new ProxyHeader(2, null, null));
        assertThat(parse(v2(0x20, 0x11, ipv4Block()))).isEqualTo(new ProxyHeader(2, null, null));
        assertThat(parse(v2(0x20, 0x77, new byte[5]))).as("family ignored under LOCAL").isEqualTo(new ProxyHeader(2, null, null));
    }

    @Test
    void versionTwoFamiliesWithoutATcpAddressFallBackToTheConnections() throws Exception {
        assertThat(parse(v2(0x21, 0x00, new byte[7]))).as("UNSPEC").isEqualTo(new ProxyHeader(2, null, null));
        assertThat(parse(v2(0x21, 0x12, ipv4Block()))).as("UDP over IPv4").isEqualTo(new ProxyHeader(2, null, null));
        assertThat(parse(v2(0x21, 0x31, new byte[216]))).as("UNIX stream").isEqualTo(new ProxyHeader(2, null, null));
    }

    @Test
    void aMalformedVersionTwoHeaderIsRefused() {
        byte[] badSignature = v2(0x21, 0x11, ipv4Block());
        badSignature[7] = 'X';
        byte[][] bad = {
            badSignature,
            v2(0x11, 0x11, ipv4Block()),                              // version 1 in a binary header
            v2(0x31, 0x11, ipv4Block()),                              // version 3
            v2(0x22, 0x11, ipv4Block()),                              // command 2
            v2(0x21, 0x41, ipv4Block()),                              // family 4
            v2(0x21, 0x13, ipv4Block()),                              // transport 3
            v2(0x21, 0x11, new byte[11]),                             // IPv4 block cut short
            v2(0x21, 0x21, new byte[35]),                             // IPv6 block cut short
            v2(0x21, 0x31, new byte[215]),                            // UNIX block cut short
            v2(0x21, 0x11, concat(ipv4Block(), new byte[] {0x01, 0x00})),             // TLV header cut
            v2(0x21, 0x11, concat(ipv4Block(), new byte[] {0x01, 0x00, 0x05, 'a'})),  // TLV value past the end
        };
        for (byte[] header : bad) {
            assertThatThrownBy(() -> parse(header)).isInstanceOf(ProxyHeaderException.class);
        }
    }

    @Test
    void aVersionTwoHeaderLongerThanTheBoundIsRefusedBeforeItsBodyArrives() {
        byte[] fixed = ByteBuffer.allocate(16).put(SIGNATURE).put((byte) 0x21).put((byte) 0x11)
                .putShort((short) (ProxyHeaderParser.V2_MAX_LENGTH + 1)).array();
        assertThatThrownBy(() -> new ProxyHeaderParser().parse(ByteBuffer.wrap(fixed)))
                .isInstanceOf(ProxyHeaderException.class).hasMessageContaining("at most " + ProxyHeaderParser.V2_MAX_LENGTH);
    }

    @Test
    void aVersionTwoHeaderOfExactlyTheBoundIsTaken() throws Exception {
        byte[] tlv = concat(new byte[] {(byte) 0xE0, (byte) ((ProxyHeaderParser.V2_MAX_LENGTH - 15) >> 8),
            (byte) (ProxyHeaderParser.V2_MAX_LENGTH - 15)}, new byte[ProxyHeaderParser.V2_MAX_LENGTH - 15]);
        assertThat(parse(v2(0x21, 0x11, concat(ipv4Block(), tlv))).source()).isEqualTo(at("203.0.113.7", 4711));
    }

    @Test
    void aTruncatedHeaderAsksForMore() throws Exception {
        byte[] whole = v2(0x21, 0x11, ipv4Block());
        ProxyHeaderParser parser = new ProxyHeaderParser();
        assertThat(parser.parse(ByteBuffer.wrap(whole, 0, whole.length - 1))).isFalse();
        assertThat(parser.header()).isNull();
    }
}
