package io.wssocket.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** trusted-proxies: addresses and CIDR blocks, IPv4 and IPv6, read strictly; and the IP literals under them. */
class TrustedProxiesTest {
    private static boolean trusts(String list, String address) throws Exception {
        return TrustedProxies.parse(list).contains(InetAddress.getByName(address));
    }

    @Test
    void blocksAndSingleAddressesOfBothFamilies() throws Exception {
        String list = "10.0.0.0/8, 192.168.1.7 ,fd00::/8, 2001:db8::1, 172.16.0.0/12";
        assertThat(trusts(list, "10.255.1.2")).isTrue();
        assertThat(trusts(list, "11.0.0.1")).isFalse();
        assertThat(trusts(list, "192.168.1.7")).isTrue();
        assertThat(trusts(list, "192.168.1.8")).isFalse();
        assertThat(trusts(list, "172.31.255.255")).isTrue();
        assertThat(trusts(list, "172.32.0.0")).isFalse();
        assertThat(trusts(list, "fdab::1")).isTrue();
        assertThat(trusts(list, "fe00::1")).isFalse();
        assertThat(trusts(list, "2001:db8::1")).isTrue();
        assertThat(trusts(list, "2001:db8::2")).isFalse();
    }

    @Test
    void anyPeerAndNobody() throws Exception {
        assertThat(trusts("0.0.0.0/0,::/0", "198.51.100.1")).isTrue();
        assertThat(trusts("0.0.0.0/0,::/0", "2001:db8::5")).isTrue();
        assertThat(TrustedProxies.parse(" ").isEmpty()).isTrue();
        assertThat(TrustedProxies.NONE.contains(InetAddress.getByName("127.0.0.1"))).isFalse();
    }

    @Test
    void anIpv4MappedPeerMatchesItsIpv4Block() throws Exception {
        // A dual-stack listener reports an IPv4 client as ::ffff:a.b.c.d; the JDK makes that the IPv4 address.
        assertThat(trusts("127.0.0.0/8", "::ffff:127.0.0.1")).isTrue();
        assertThat(trusts("::ffff:10.0.0.0/104", "10.1.2.3")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0.1/8", "fd00::/129", "10.0.0.0/", "10.0.0.0/-1", "example.com",
        "10.0.0", "10.0.0.0/8,", "fd00::1/8", "010.0.0.0/8", "1.2.3.4%eth0", "::ffff:10.0.0.0/8"})
    void aBadEntryIsRefusedNamingIt(String list) {
        assertThatThrownBy(() -> TrustedProxies.parse(list)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"::", "::1", "1::", "1:2:3:4:5:6:7:8", "1::8", "::ffff:1.2.3.4", "1:2:3:4:5:6:1.2.3.4",
        "fe80::abcd:ef01", "0.0.0.0", "255.255.255.255", "192.0.2.1"})
    void validLiteralsReadAsTheJdkReadsThem(String literal) throws Exception {
        assertThat(IpLiteral.parse(literal)).isEqualTo(InetAddress.getByName(literal));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", ":::", "1:2:3:4:5:6:7:8:9", "1::2::3", "1:2:3:4:5:6:7::8", ":1::", "1::2:",
        "12345::", "g::1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "256.1.1.1", "1.2.3.4:", "::1.2.3", "1:2:3:4:5:6:7:1.2.3.4",
        "[::1]", "::1%lo", "localhost", " 1.2.3.4"})
    void invalidLiteralsAreNoAddress(String literal) {
        assertThat(IpLiteral.parse(literal)).isNull();
    }
}
