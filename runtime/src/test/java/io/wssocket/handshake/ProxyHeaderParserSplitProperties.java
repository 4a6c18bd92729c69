package io.wssocket.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.Chunks;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The PROXY header parser gives the same result however the bytes arrive: split at every single
 * boundary or in random chunks, a valid header gives the header it encodes and leaves exactly the
 * bytes after it; a broken one fails with the same reason; any bytes at all have one outcome.
 */
class ProxyHeaderParserSplitProperties {

    /** A header, what it says, and bytes that follow it (the request, a ClientHello). */
    record Case(byte[] header, ProxyHeader expected, byte[] trailing) {
        byte[] bytes() {
            return ProxyHeaderParserTest.concat(header, trailing);
        }

        @Override
        public String toString() {
            return expected + " " + Arrays.toString(header) + " + " + trailing.length + " bytes";
        }
    }

    @Property(tries = 300)
    void everyTwoChunkSplitGivesTheHeaderAndLeavesWhatFollows(@ForAll("validHeaders") Case c) {
        byte[] all = c.bytes();
        for (int cut = 0; cut <= all.length; cut++) {
            assertThat(outcome(all, List.of(cut, all.length - cut))).as("split at %d", cut)
                    .isEqualTo("header " + c.expected() + " + " + c.trailing().length);
        }
    }

    @Property(tries = 300)
    void randomChunksGiveTheHeaderAndLeaveWhatFollows(@ForAll("validHeaders") Case c,
            @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 0, max = 40) Integer> chunkSizes) {
        byte[] all = c.bytes();
        assertThat(outcome(all, Chunks.cycle(chunkSizes, all.length)))
                .isEqualTo("header " + c.expected() + " + " + c.trailing().length);
    }

    @Property(tries = 300)
    void aHeaderWithOneByteChangedHasOneOutcomeForEverySplit(@ForAll("validHeaders") Case c,
            @ForAll @IntRange(min = 0, max = 10_000) int at, @ForAll byte value,
            @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 0, max = 40) Integer> chunkSizes) {
        byte[] all = c.bytes();
        all[at % c.header().length] = value;
        String expected = outcome(all, List.of(all.length));
        for (int cut = 0; cut <= all.length; cut++) {
            assertThat(outcome(all, List.of(cut, all.length - cut))).as("split at %d", cut).isEqualTo(expected);
        }
        assertThat(outcome(all, Chunks.cycle(chunkSizes, all.length))).isEqualTo(expected);
    }

    @Property(tries = 300)
    void arbitraryBytesHaveOneOutcomeForEverySplit(@ForAll("headerLikeBytes") byte[] all) {
        String expected = outcome(all, List.of(all.length));
        for (int cut = 0; cut <= all.length; cut++) {
            assertThat(outcome(all, List.of(cut, all.length - cut))).as("split at %d", cut).isEqualTo(expected);
        }
    }

    // ---- generators ----

    @Provide
    Arbitrary<Case> validHeaders() {
        Arbitrary<byte[]> trailing = Arbitraries.bytes().array(byte[].class).ofMaxSize(24);
        return Combinators.combine(Arbitraries.oneOf(v1Headers(), v2Headers()), trailing)
                .as((c, t) -> new Case(c.header(), c.expected(), t));
    }

    private static Arbitrary<Case> v1Headers() {
        Arbitrary<Integer> port = Arbitraries.integers().between(0, 65535);
        Arbitrary<Case> tcp4 = Combinators.combine(ipv4(), ipv4(), port, port).as((s, d, sp, dp) ->
                v1("TCP4 " + s.getHostAddress() + " " + d.getHostAddress() + " " + sp + " " + dp,
                        new ProxyHeader(1, new InetSocketAddress(s, sp), new InetSocketAddress(d, dp))));
        Arbitrary<Case> tcp6 = Combinators.combine(ipv6(), ipv6(), port, port).as((s, d, sp, dp) ->
                v1("TCP6 " + compressed(s) + " " + compressed(d) + " " + sp + " " + dp,
                        new ProxyHeader(1, new InetSocketAddress(s, sp), new InetSocketAddress(d, dp))));
        Arbitrary<Case> unknown = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(90)
                .map(rest -> v1("UNKNOWN" + (rest.isEmpty() ? "" : " " + rest), new ProxyHeader(1, null, null)));
        return Arbitraries.oneOf(tcp4, tcp6, unknown);
    }

    private static Case v1(String line, ProxyHeader expected) {
        return new Case(ProxyHeaderParserTest.ascii("PROXY " + line + "\r\n"), expected, new byte[0]);
    }

    private static Arbitrary<Case> v2Headers() {
        Arbitrary<Integer> port = Arbitraries.integers().between(0, 65535);
        Arbitrary<byte[]> tlvs = Combinators.combine(Arbitraries.integers().between(0, 255),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40))
                .as((type, value) -> ByteBuffer.allocate(3 + value.length).put(type.byteValue())
                        .putShort((short) value.length).put(value).array())
                .list().ofMaxSize(4).map(list -> ProxyHeaderParserTest.concat(list.toArray(byte[][]::new)));
        Arbitrary<Case> tcp = Combinators.combine(Arbitraries.of(true, false), port, port, tlvs, ipv4(), ipv6())
                .as((v4, sp, dp, t, a4, a6) -> {
                    InetAddress s = v4 ? a4 : a6;
                    InetAddress d = v4 ? a4 : a6;
                    byte[] block = ByteBuffer.allocate(v4 ? 12 : 36).put(s.getAddress()).put(d.getAddress())
                            .putShort(sp.shortValue()).putShort(dp.shortValue()).array();
                    return new Case(ProxyHeaderParserTest.v2(0x21, v4 ? 0x11 : 0x21, ProxyHeaderParserTest.concat(block, t)),
                            new ProxyHeader(2, new InetSocketAddress(s, sp), new InetSocketAddress(d, dp)), new byte[0]);
                });
        Arbitrary<Case> local = Arbitraries.bytes().array(byte[].class).ofMaxSize(40)
                .map(rest -> new Case(ProxyHeaderParserTest.v2(0x20, 0x00, rest), new ProxyHeader(2, null, null), new byte[0]));
        return Arbitraries.oneOf(tcp, local);
    }

    private static Arbitrary<InetAddress> ipv4() {
        return Arbitraries.bytes().array(byte[].class).ofSize(4).map(ProxyHeaderParserSplitProperties::address);
    }

    private static Arbitrary<InetAddress> ipv6() {
        // Not IPv4-mapped: the JDK turns those into IPv4 addresses, which a v2 IPv6 block does not round-trip.
        return Arbitraries.bytes().array(byte[].class).ofSize(16).map(ProxyHeaderParserSplitProperties::address)
                .filter(a -> a instanceof java.net.Inet6Address);
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** The longest run of zero groups as "::", as inet_ntop writes it (HAProxy's v1 lines). */
    private static String compressed(InetAddress address) {
        String[] groups = address.getHostAddress().split("%")[0].split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
        }
        if (bestStart < 0) {
            return String.join(":", groups);
        }
        return String.join(":", Arrays.copyOfRange(groups, 0, bestStart)) + "::"
                + String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
    }

    @Provide
    Arbitrary<byte[]> headerLikeBytes() {
        Arbitrary<byte[]> text = Arbitraries.strings().withChars("PROXY TCP46UNKW0123456789.:abcdef\r\n").ofMaxLength(60)
                .map(ProxyHeaderParserTest::ascii).map(b -> ProxyHeaderParserTest.concat(ProxyHeaderParserTest.ascii("PROXY "), b));
        Arbitrary<byte[]> binary = Arbitraries.bytes().array(byte[].class).ofMaxSize(60)
                .map(b -> ProxyHeaderParserTest.concat(ProxyHeaderParserTest.SIGNATURE, b));
        return Arbitraries.oneOf(text, binary, Arbitraries.bytes().array(byte[].class).ofMaxSize(30));
    }

    // ---- feeding ----

    /** "header H + n" (n bytes left after it), "incomplete", or "refused: reason". */
    static String outcome(byte[] all, List<Integer> chunkSizes) {
        ProxyHeaderParser parser = new ProxyHeaderParser();
        try {
            int left = Chunks.feed(all, chunkSizes, parser::parse);
            return left < 0 ? "incomplete" : "header " + parser.header() + " + " + left;
        } catch (ProxyHeaderException e) {
            return "refused: " + e.getMessage();
        }
    }
}
