package io.wssocket.server;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** PROXY protocol headers byte for byte as HAProxy writes them (send-proxy, send-proxy-v2), for the tests. */
final class ProxyHeaders {
    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private ProxyHeaders() {
    }

    /** A version 1 line as HAProxy writes it: {@code PROXY TCP4 203.0.113.7 127.0.0.1 4711 8080\r\n}. */
    static byte[] v1(String family, String source, String destination, int sourcePort, int destinationPort) {
        return ("PROXY " + family + " " + source + " " + destination + " " + sourcePort + " " + destinationPort + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Version 2, command PROXY, TCP over IPv4 (0x11) or IPv6 (0x21), followed by {@code tlvs}. An
     * IPv4 destination of an IPv6 source goes as IPv4-mapped IPv6, as HAProxy sends mixed families.
     */
    static byte[] v2(InetSocketAddress source, InetSocketAddress destination, byte[] tlvs) {
        byte[] from = source.getAddress().getAddress();
        byte[] to = destination.getAddress().getAddress();
        if (from.length == 16 && to.length == 4) {
            to = ByteBuffer.allocate(16).put(10, (byte) 0xff).put(11, (byte) 0xff).put(12, to).array();
        }
        int length = 2 * from.length + 4 + tlvs.length;
        ByteBuffer header = ByteBuffer.allocate(16 + length);
        header.put(V2_SIGNATURE).put((byte) 0x21).put((byte) (from.length == 4 ? 0x11 : 0x21)).putShort((short) length);
        header.put(from).put(to).putShort((short) source.getPort()).putShort((short) destination.getPort()).put(tlvs);
        return header.array();
    }

    /** Version 2 without TLVs. */
    static byte[] v2(InetSocketAddress source, InetSocketAddress destination) {
        return v2(source, destination, new byte[0]);
    }

    /** Version 2, command LOCAL (HAProxy's health checks with check-send-proxy), family UNSPEC, no address. */
    static byte[] v2Local() {
        return ByteBuffer.allocate(16).put(V2_SIGNATURE).put((byte) 0x20).put((byte) 0x00).putShort((short) 0).array();
    }

    /** One TLV: type, two bytes of length, the value. */
    static byte[] tlv(int type, byte[] value) {
        return ByteBuffer.allocate(3 + value.length).put((byte) type).putShort((short) value.length).put(value).array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
