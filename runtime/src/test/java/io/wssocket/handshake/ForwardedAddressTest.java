package io.wssocket.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7239 Forwarded and X-Forwarded-For read from the right past trusted proxies. */
class ForwardedAddressTest {
    private static final TrustedProxies TRUSTED = TrustedProxies.parse("10.0.0.0/8, 2001:db8:ffff::/48");

    private static InetSocketAddress at(String address, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(address), port);
    }

    private static InetSocketAddress forwarded(String... lines) {
        return ForwardedAddress.fromForwarded(List.of(lines), TRUSTED);
    }

    @Test
    void theRfcExamplesGiveTheirForNode() throws Exception {
        // RFC 7239 §4 and §7.4
        assertThat(forwarded("for=\"_gazonk\"")).isNull();
        assertThat(forwarded("For=\"[2001:db8:cafe::17]:4711\"")).isEqualTo(at("2001:db8:cafe::17", 4711));
        assertThat(forwarded("for=192.0.2.60;proto=http;by=203.0.113.43")).isEqualTo(at("192.0.2.60", 0));
        assertThat(forwarded("for=192.0.2.43, for=198.51.100.17")).isEqualTo(at("198.51.100.17", 0));
        assertThat(forwarded("for=\"192.0.2.43:47011\"")).isEqualTo(at("192.0.2.43", 47011));
    }

    @Test
    void trustedHopsAreSkippedAcrossHeaderLinesAndWhatLiesLeftOfTheClientIsIgnored() throws Exception {
        assertThat(forwarded("for=6.6.6.6, for=192.0.2.1", "for=10.1.1.1;proto=https, for=\"[2001:db8:ffff::9]\""))
                .isEqualTo(at("192.0.2.1", 0));
    }

    @Test
    void onlyTrustedHopsGiveTheLeftmost() throws Exception {
        assertThat(forwarded("for=10.0.0.1, for=10.0.0.2")).isEqualTo(at("10.0.0.1", 0));
    }

    @Test
    void aHopThatNamesNoAddressEndsTheWalkWithoutAnswer() {
        assertThat(forwarded("for=192.0.2.1, for=unknown")).isNull();
        assertThat(forwarded("for=192.0.2.1, for=_hidden")).isNull();
        assertThat(forwarded("for=192.0.2.1, proto=https")).as("an element without for").isNull();
        assertThat(forwarded()).isNull();
    }

    @Test
    void anObfuscatedPortIsPortZero() throws Exception {
        assertThat(forwarded("for=\"192.0.2.1:_abc\"")).isEqualTo(at("192.0.2.1", 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "for=[2001:db8::1]",            // brackets and colons need quotes
        "for=\"2001:db8::1\"",          // IPv6 without brackets
        "for=\"[192.0.2.1]\"",          // brackets around IPv4
        "for=\"192.0.2.1:70000\"",      // port out of range
        "for=\"[2001:db8::1]x\"",       // text after the bracket
        "for=\"192.0.2.1",              // unclosed quote
        "for=\"192.0.2.1\"x",           // text after the quote
        "for=192.0.2.1;for=192.0.2.2",  // for twice in one element
        "for",                          // no value
        "f(r=192.0.2.1",                // not a token
        "for=example.com",              // a name, never looked up
        "for=192.0.2.256",
    })
    void aMalformedForwardedValueIsRefused(String value) {
        assertThatThrownBy(() -> forwarded(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void xForwardedForIsReadFromTheRight() throws Exception {
        assertThat(ForwardedAddress.fromXForwardedFor(List.of("203.0.113.195, 70.41.3.18", "10.0.0.3"), TRUSTED))
                .isEqualTo(at("70.41.3.18", 0));
        assertThat(ForwardedAddress.fromXForwardedFor(List.of("2001:db8:85a3::8a2e:370:7334"), TRUSTED))
                .isEqualTo(at("2001:db8:85a3::8a2e:370:7334", 0));
        assertThat(ForwardedAddress.fromXForwardedFor(List.of("[2001:db8::2]:8443, 192.0.2.9:1234"), TRUSTED))
                .isEqualTo(at("192.0.2.9", 1234));
        assertThat(ForwardedAddress.fromXForwardedFor(List.of("192.0.2.1, unknown"), TRUSTED)).isNull();
        assertThat(ForwardedAddress.fromXForwardedFor(List.of(), TRUSTED)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-address", "192.0.2.1:x", "192.0.2", "[192.0.2.1]", "::1::2", "1.2.3.4 5.6.7.8"})
    void aMalformedXForwardedForEntryIsRefused(String value) {
        assertThatThrownBy(() -> ForwardedAddress.fromXForwardedFor(List.of(value), TRUSTED))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
