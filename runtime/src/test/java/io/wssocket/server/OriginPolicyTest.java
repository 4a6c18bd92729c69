package io.wssocket.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The origin policy as a pure function of Origin and Host (RFC 6454 §5-§6, RFC 6455 §10.2). */
class OriginPolicyTest {
    private static final OriginPolicy DEFAULT = OriginPolicy.parse("");

    @ParameterizedTest(name = "{0} from a page at {1}")
    @CsvSource({
            "chat.example, https://chat.example",
            "chat.example, http://chat.example",
            "chat.example, HTTPS://Chat.Example",
            "CHAT.example:8080, http://chat.example:8080",
            "chat.example:443, https://chat.example",
            "chat.example, https://chat.example:443",
            "chat.example:80, http://chat.example",
            "127.0.0.1:9000, http://127.0.0.1:9000",
            "[::1]:9000, http://[::1]:9000",
            "[0:0:0:0:0:0:0:1]:9000, http://[::1]:9000",
            "[FE80::1], https://[fe80::1]",
    })
    void theSameHostAndPortIsTheSameOrigin(String host, String origin) {
        assertThat(DEFAULT.allows(origin, host)).isTrue();
    }

    @ParameterizedTest(name = "{0} from a page at {1}")
    @CsvSource({
            "chat.example, https://evil.example",
            "chat.example, https://chat.example.attacker",
            "chat.example, https://evilchat.example",
            "chat.example, https://sub.chat.example",
            "chat.example:8080, http://chat.example",
            "chat.example:8080, http://chat.example:8081",
            "chat.example, https://chat.example:8443",
            "chat.example, http://chat.example:443",
            "chat.example, https://chat.example@evil.example",
            "chat.example, https://evil.example@chat.example",
            "chat.example, https://chat.example/",
            "chat.example, https://chat.example/path",
            "chat.example, https://chat.example?x",
            "chat.example, chat.example",
            "chat.example, file://chat.example",
            "chat.example, chrome-extension://chat.example",
            "chat.example, 'https://chat.example, https://evil.example'",
            "chat.example, https://chat.example:99999",
            "[::1]:9000, http://[::2]:9000",
            "127.0.0.1:9000, http://localhost:9000",
    })
    void otherOriginsAndLookAlikesAreRefused(String host, String origin) {
        assertThat(DEFAULT.allows(origin, host)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "NULL", "", " "})
    void theOpaqueOriginAndEmptyValuesAreRefusedByDefault(String origin) {
        assertThat(DEFAULT.allows(origin, "chat.example")).isFalse();
    }

    @Test
    void aRequestWithoutOriginIsNotFromABrowserPage() {
        assertThat(DEFAULT.allows(null, "chat.example")).isTrue();
    }

    @Test
    void aMissingOrMalformedHostMatchesNoOrigin() {
        assertThat(DEFAULT.allows("https://chat.example", null)).isFalse();
        assertThat(DEFAULT.allows("https://chat.example", "chat.example/x")).isFalse();
        assertThat(DEFAULT.allows("https://chat.example", "user@chat.example")).isFalse();
    }

    @Test
    void listedOriginsAreAdmittedBesidesTheSameOrigin() {
        OriginPolicy policy = OriginPolicy.parse("https://app.example, HTTPS://Admin.Example:443, null");
        assertThat(policy.allows("https://app.example", "api.example")).isTrue();
        assertThat(policy.allows("https://app.example:443", "api.example")).isTrue();
        assertThat(policy.allows("https://admin.example", "api.example")).isTrue();
        assertThat(policy.allows("null", "api.example")).isTrue();
        assertThat(policy.allows("https://api.example", "api.example")).isTrue();
        assertThat(policy.allows("http://app.example", "api.example")).isFalse();
        assertThat(policy.allows("https://app.example:8443", "api.example")).isFalse();
        assertThat(policy.allows("https://app.example.attacker", "api.example")).isFalse();
    }

    @Test
    void aStarAdmitsEveryOrigin() {
        OriginPolicy any = OriginPolicy.parse("*");
        assertThat(any.allows("https://evil.example", "chat.example")).isTrue();
        assertThat(any.allows("null", "chat.example")).isTrue();
        assertThat(any.toString()).isEqualTo("any origin");
    }

    @Test
    void anEndpointsUserPropertyReplacesTheList() {
        OriginPolicy global = OriginPolicy.parse("https://app.example");
        OriginPolicy own = global.forEndpoint(Map.of(OriginPolicy.USER_PROPERTY, List.of("https://partner.example")));
        assertThat(own.allows("https://partner.example", "api.example")).isTrue();
        assertThat(own.allows("https://app.example", "api.example")).isFalse();
        assertThat(own.allows("https://api.example", "api.example")).isTrue();
        assertThat(global.forEndpoint(Map.of(OriginPolicy.USER_PROPERTY, "*")).allows("https://x.example", "a")).isTrue();
        assertThat(global.forEndpoint(Map.of())).isSameAs(global);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example/path", "https://user@app.example", "app.example", "https://app.example:70000"})
    void somethingThatIsNotAnOriginIsRefusedInTheConfiguration(String listed) {
        assertThatThrownBy(() -> OriginPolicy.parse(listed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an origin");
    }
}
