package io.wssocket.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpgradeRequestValidatorTest {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    /** A builder over the valid handshake of RFC 6455 §1.2; each test changes one thing. */
    private static final class Request {
        private String method = "GET";
        private String target = "/chat";
        private String version = "HTTP/1.1";
        private final Map<String, List<String>> headers = new LinkedHashMap<>();

        Request() {
            set("Host", "server.example.com");
            set("Upgrade", "websocket");
            set("Connection", "Upgrade");
            set("Sec-WebSocket-Key", KEY);
            set("Sec-WebSocket-Version", "13");
        }

        Request method(String m) {
            method = m;
            return this;
        }

        Request target(String t) {
            target = t;
            return this;
        }

        Request version(String v) {
            version = v;
            return this;
        }

        Request set(String name, String... values) {
            headers.put(name, new ArrayList<>(List.of(values)));
            return this;
        }

        Request remove(String name) {
            headers.remove(name);
            return this;
        }

        HttpRequest build() {
            return HttpRequest.of(method, target, version, headers);
        }

        UpgradeRequest validate() throws HttpStatusException {
            return UpgradeRequestValidator.validate(build());
        }

        HttpStatusException failure() {
            HttpStatusException e = catchThrowableOfType(HttpStatusException.class, this::validate);
            assertThat(e).as("validation fails").isNotNull();
            return e;
        }
    }

    @Test
    void acceptsTheHandshakeOfRfc6455() throws Exception {
        UpgradeRequest upgrade = new Request()
                .set("Origin", "http://example.com")
                .set("Sec-WebSocket-Protocol", "chat, superchat")
                .validate();

        assertThat(upgrade.key()).isEqualTo(KEY);
        assertThat(upgrade.subprotocols()).containsExactly("chat", "superchat");
        assertThat(upgrade.extensions()).isEmpty();
        assertThat(upgrade.origin()).isEqualTo("http://example.com");
        assertThat(upgrade.request().path()).isEqualTo("/chat");
    }

    @Test
    void originAndSubprotocolsMayBeAbsent() throws Exception {
        UpgradeRequest upgrade = new Request().validate();

        assertThat(upgrade.origin()).isNull();
        assertThat(upgrade.subprotocols()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "HEAD", "get", "CONNECT"})
    void nonGetMethodIs405WithAllowGet(String method) {
        HttpStatusException e = new Request().method(method).failure();

        assertThat(e.status()).isEqualTo(405);
        assertThat(e.headers()).containsExactly(Map.entry("Allow", "GET"));
        assertThat(e.getMessage()).contains("GET").contains(method);
    }

    @Test
    void http10Is400() {
        HttpStatusException e = new Request().version("HTTP/1.0").failure();

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).contains("WebSocket needs HTTP/1.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/2.0", "HTTP/0.9", "HTTP/3.0"})
    void otherMajorVersionsAre505(String version) {
        HttpStatusException e = new Request().version(version).failure();

        assertThat(e.status()).isEqualTo(505);
        assertThat(e.reasonPhrase()).isEqualTo("HTTP Version Not Supported");
    }

    @Test
    void higherMinorVersionIsTreatedAsHttp11() throws Exception {
        assertThat(new Request().version("HTTP/1.2").validate().key()).isEqualTo(KEY);
    }

    @Test
    void methodIsCheckedBeforeVersion() {
        assertThat(new Request().method("POST").version("HTTP/1.0").failure().status()).isEqualTo(405);
    }

    @Test
    void missingHostIs400() {
        HttpStatusException e = new Request().remove("Host").failure();

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).contains("Host header is missing");
    }

    @Test
    void twoHostsAre400() {
        HttpStatusException e = new Request().set("Host", "a.example", "b.example").failure();

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).contains("2 times");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Length:5", "Content-Length:x", "Transfer-Encoding:chunked"})
    void aRequestWithContentIs400(String header) {
        String[] nameValue = header.split(":");
        HttpStatusException e = new Request().set(nameValue[0], nameValue[1]).failure();

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).contains("has no content");
    }

    @Test
    void anEmptyContentLengthAndExpectContinueAreAccepted() throws Exception {
        assertThat(new Request().set("Content-Length", "0").set("Expect", "100-continue").validate().key()).isEqualTo(KEY);
    }

    @Test
    void anotherExpectationIs417() {
        HttpStatusException e = new Request().set("Expect", "100-continue, x-fast").failure();

        assertThat(e.status()).isEqualTo(417);
        assertThat(e.getMessage()).contains("x-fast");
    }

    @Test
    void missingUpgradeIs426WithUpgradeWebsocket() {
        HttpStatusException e = new Request().remove("Upgrade").failure();

        assertThat(e.status()).isEqualTo(426);
        assertThat(e.headers()).containsExactly(Map.entry("Upgrade", "websocket"));
        assertThat(e.getMessage()).contains("WebSocket endpoint");
    }

    @Test
    void upgradeToAnotherProtocolIs426() {
        HttpStatusException e = new Request().set("Upgrade", "h2c").failure();

        assertThat(e.status()).isEqualTo(426);
        assertThat(e.headers()).containsEntry("Upgrade", "websocket");
    }

    @ParameterizedTest
    @ValueSource(strings = {"WebSocket", "WEBSOCKET", "h2c, websocket", " websocket "})
    void upgradeTokenIsMatchedCaseInsensitivelyInAList(String upgrade) throws Exception {
        assertThat(new Request().set("Upgrade", upgrade).validate()).isNotNull();
    }

    @Test
    void connectionWithKeepAliveAndUpgradeIsAccepted() throws Exception {
        assertThat(new Request().set("Connection", "keep-alive, Upgrade").validate()).isNotNull();
        assertThat(new Request().set("Connection", "keep-alive", "upgrade").validate()).isNotNull();
    }

    @Test
    void connectionWithoutUpgradeIs400() {
        HttpStatusException e = new Request().set("Connection", "keep-alive").failure();

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).contains("Connection").contains("Upgrade");
        assertThat(new Request().remove("Connection").failure().status()).isEqualTo(400);
    }

    @Test
    void version8Is426NamingVersion13() {
        HttpStatusException e = new Request().set("Sec-WebSocket-Version", "8").failure();

        assertThat(e.status()).isEqualTo(426);
        assertThat(e.headers()).containsExactly(Map.entry("Sec-WebSocket-Version", "13"));
        assertThat(e.getMessage()).isEqualTo("Sec-WebSocket-Version 8 is not supported; use 13");
    }

    @Test
    void missingVersionIs426() {
        HttpStatusException e = new Request().remove("Sec-WebSocket-Version").failure();

        assertThat(e.status()).isEqualTo(426);
        assertThat(e.headers()).containsEntry("Sec-WebSocket-Version", "13");
        assertThat(e.getMessage()).contains("missing");
    }

    @Test
    void repeatedOrListedVersionsAre426() {
        assertThat(new Request().set("Sec-WebSocket-Version", "13", "13").failure().status()).isEqualTo(426);
        assertThat(new Request().set("Sec-WebSocket-Version", "13, 8").failure().status()).isEqualTo(426);
    }

    @Test
    void missingKeyIs400() {
        HttpStatusException e = new Request().remove("Sec-WebSocket-Key").failure();

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).contains("Sec-WebSocket-Key must be a base64-encoded 16-byte value");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "AAECAwQFBgcICQoLDA0O",        // 15 bytes
        "AAECAwQFBgcICQoLDA0ODxA=",    // 17 bytes
        "AAECAwQFBgcICQoLDA0ODw",      // 16 bytes, padding missing
        "AAECAwQFBgcICQoLDA0ODw=",     // 16 bytes, padding short
        "AAECAwQFBgcICQoLDA0ODx==",    // 16 bytes, non-zero pad bits
        "AAECAwQFBgcICQoLDA0OD*==",    // not base64
        "AAECAwQFBgcICQoLDA0OD-==",    // base64url alphabet
        "AAEC AwQFBgcICQoLDA0ODw==",   // whitespace inside
        "",
    })
    void keyThatIsNotBase64Of16BytesIs400(String key) {
        HttpStatusException e = new Request().set("Sec-WebSocket-Key", key).failure();

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).contains("Sec-WebSocket-Key must be a base64-encoded 16-byte value");
    }

    @Test
    void twoKeysAre400() {
        assertThat(new Request().set("Sec-WebSocket-Key", KEY, KEY).failure().status()).isEqualTo(400);
    }

    @Test
    void subprotocolsAreCollectedInOrderAcrossRepeatedHeaders() throws Exception {
        UpgradeRequest upgrade = new Request().set("Sec-WebSocket-Protocol", "v2.chat, ,v1.chat", "mqtt").validate();

        assertThat(upgrade.subprotocols()).containsExactly("v2.chat", "v1.chat", "mqtt");
    }

    @Test
    void subprotocolThatIsNotATokenIs400() {
        HttpStatusException e = new Request().set("Sec-WebSocket-Protocol", "chat, my protocol").failure();

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).contains("my protocol").contains("not a token");
    }

    @Test
    void extensionsAreParsed() throws Exception {
        UpgradeRequest upgrade = new Request()
                .set("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits, x-foo")
                .validate();

        assertThat(upgrade.extensions()).containsExactly(
                new ExtensionOffer("permessage-deflate", List.of(new ExtensionOffer.Parameter("client_max_window_bits", null))),
                new ExtensionOffer("x-foo", List.of()));
    }

    @Test
    void malformedExtensionsAre400() {
        HttpStatusException e = new Request().set("Sec-WebSocket-Extensions", "permessage-deflate;").failure();

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).contains("Sec-WebSocket-Extensions");
    }

    @Test
    void absoluteFormTargetIsAcceptedAndItsPathUsed() throws Exception {
        assertThat(new Request().target("ws://server.example.com/chat?x=1").validate().request().path())
                .isEqualTo("/chat");
        assertThat(new Request().target("HTTPS://server.example.com").validate().request().path()).isEqualTo("/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "chat", "server.example.com:80", "ftp://server.example.com/chat"})
    void targetThatIsNotAPathOrWebUriIs400(String target) {
        HttpStatusException e = new Request().target(target).failure();

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).contains("request-target");
    }
}
