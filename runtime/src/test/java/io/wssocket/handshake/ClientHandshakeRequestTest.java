package io.wssocket.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientHandshakeRequestTest {
    /** Gives the nonce of RFC 6455 §1.3, "the sample nonce", whose base64 is dGhlIHNhbXBsZSBub25jZQ==. */
    static final Random SAMPLE_NONCE = new Random() {
        @Override
        public void nextBytes(byte[] bytes) {
            byte[] nonce = "the sample nonce".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(nonce, 0, bytes, 0, bytes.length);
        }
    };

    private static String text(ByteBuffer buffer) {
        assertThat(buffer.position()).isZero();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String head(String requestLine, String host, String... more) {
        StringBuilder sb = new StringBuilder(requestLine).append("\r\n")
                .append("Host: ").append(host).append("\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
        for (String line : more) {
            sb.append(line).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    @Test
    void minimalRequestOmitsTheDefaultPort() {
        ClientHandshakeRequest request = ClientHandshakeRequest.to(URI.create("ws://example.com/chat")).build(SAMPLE_NONCE);

        assertThat(text(request.bytes())).isEqualTo(head("GET /chat HTTP/1.1", "example.com", "Sec-WebSocket-Version: 13"));
        assertThat(request.key()).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
        assertThat(request.target()).isEqualTo("/chat");
    }

    @Test
    void explicitDefaultPortsAreOmittedAndOthersKept() {
        assertThat(text(ClientHandshakeRequest.to(URI.create("ws://h:80/")).build(SAMPLE_NONCE).bytes()))
                .contains("\r\nHost: h\r\n");
        assertThat(text(ClientHandshakeRequest.to(URI.create("wss://h:443/")).build(SAMPLE_NONCE).bytes()))
                .contains("\r\nHost: h\r\n");
        assertThat(text(ClientHandshakeRequest.to(URI.create("wss://h/")).build(SAMPLE_NONCE).bytes()))
                .contains("\r\nHost: h\r\n");
        assertThat(text(ClientHandshakeRequest.to(URI.create("ws://h:443/")).build(SAMPLE_NONCE).bytes()))
                .contains("\r\nHost: h:443\r\n");
        assertThat(text(ClientHandshakeRequest.to(URI.create("wss://h:80/")).build(SAMPLE_NONCE).bytes()))
                .contains("\r\nHost: h:80\r\n");
        assertThat(text(ClientHandshakeRequest.to(URI.create("WS://h:8080/x")).build(SAMPLE_NONCE).bytes()))
                .isEqualTo(head("GET /x HTTP/1.1", "h:8080", "Sec-WebSocket-Version: 13"));
    }

    @Test
    void ipv6LiteralIsBracketed() {
        assertThat(text(ClientHandshakeRequest.to(URI.create("ws://[::1]:9000/echo")).build(SAMPLE_NONCE).bytes()))
                .isEqualTo(head("GET /echo HTTP/1.1", "[::1]:9000", "Sec-WebSocket-Version: 13"));
        assertThat(text(ClientHandshakeRequest.to(URI.create("wss://[2001:db8::7]/")).build(SAMPLE_NONCE).bytes()))
                .contains("\r\nHost: [2001:db8::7]\r\n");
    }

    @Test
    void emptyPathBecomesSlashAndQueryIsKeptEncoded() {
        assertThat(ClientHandshakeRequest.to(URI.create("ws://h")).build(SAMPLE_NONCE).target()).isEqualTo("/");
        assertThat(ClientHandshakeRequest.to(URI.create("ws://h?a=1")).build(SAMPLE_NONCE).target()).isEqualTo("/?a=1");
        ClientHandshakeRequest request = ClientHandshakeRequest.to(URI.create("ws://h/a%20b/c?x=%2F&y=1")).build(SAMPLE_NONCE);
        assertThat(text(request.bytes())).startsWith("GET /a%20b/c?x=%2F&y=1 HTTP/1.1\r\n");
    }

    @Test
    void nonAsciiPathIsPercentEncoded() throws Exception {
        URI uri = new URI("ws", "h", "/caf\u00e9", "q=\u00fc", null);

        assertThat(ClientHandshakeRequest.to(uri).build(SAMPLE_NONCE).target()).isEqualTo("/caf%C3%A9?q=%C3%BC");
    }

    @Test
    void subprotocolsExtensionsOriginAndExtraHeadersInTheirPlaces() {
        Map<String, List<String>> extra = new LinkedHashMap<>();
        extra.put("Authorization", List.of("Bearer abc"));
        extra.put("Cookie", List.of("a=1", "b=2"));
        ClientHandshakeRequest request = ClientHandshakeRequest.to(URI.create("wss://example.com:8443/chat?room=1"))
                .subprotocols(List.of("chat", "superchat"))
                .extensions(List.of(
                        new ExtensionOffer("permessage-deflate", List.of(new ExtensionOffer.Parameter("client_max_window_bits", null))),
                        new ExtensionOffer("x-other", List.of())))
                .origin("https://example.com")
                .headers(extra)
                .build(SAMPLE_NONCE);

        assertThat(text(request.bytes())).isEqualTo(head("GET /chat?room=1 HTTP/1.1", "example.com:8443",
                "Origin: https://example.com",
                "Sec-WebSocket-Protocol: chat, superchat",
                "Sec-WebSocket-Version: 13",
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits, x-other",
                "Authorization: Bearer abc",
                "Cookie: a=1",
                "Cookie: b=2"));
        assertThat(request.subprotocols()).containsExactly("chat", "superchat");
        assertThat(request.extensionNames()).containsExactly("permessage-deflate", "x-other");
    }

    @Test
    void extraHeadersReplaceHostAndOrigin() {
        ClientHandshakeRequest request = ClientHandshakeRequest.to(URI.create("ws://10.0.0.1:8080/"))
                .origin("https://a.example")
                .headers(Map.of("host", List.of("virtual.example"), "ORIGIN", List.of("https://b.example")))
                .build(SAMPLE_NONCE);

        String text = text(request.bytes());
        assertThat(text).contains("\r\nHost: virtual.example\r\n").contains("\r\nOrigin: https://b.example\r\n");
        assertThat(text).doesNotContain("10.0.0.1").doesNotContain("a.example").doesNotContain("host:").doesNotContain("ORIGIN");
    }

    @Test
    void keyIsBase64OfSixteenBytesFromTheSuppliedRandom() {
        ClientHandshakeRequest a = ClientHandshakeRequest.to(URI.create("ws://h/")).build(new Random(1));
        ClientHandshakeRequest b = ClientHandshakeRequest.to(URI.create("ws://h/")).build(new Random(1));
        ClientHandshakeRequest c = ClientHandshakeRequest.to(URI.create("ws://h/")).build(new Random(2));

        assertThat(a.key()).isEqualTo(b.key()).isNotEqualTo(c.key()).hasSize(24).endsWith("==");
        assertThat(java.util.Base64.getDecoder().decode(a.key())).hasSize(16);
    }

    @Test
    void bytesIsAFreshBufferEachTime() {
        ClientHandshakeRequest request = ClientHandshakeRequest.to(URI.create("ws://h/")).build(SAMPLE_NONCE);
        ByteBuffer first = request.bytes();
        first.put(0, (byte) 'X');

        assertThat(text(request.bytes())).startsWith("GET ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nX-Injected: 1", "a\nb", "a\rb", "a\u0000b", "a\u007fb", "a\u0100b"})
    void controlCharactersInAnyValueAreRefused(String value) {
        assertThatThrownBy(() -> ClientHandshakeRequest.to(URI.create("ws://h/"))
                .headers(Map.of("X-Test", List.of(value))).build(SAMPLE_NONCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X-Test")
                .hasMessageContaining("injection refused");
        assertThatThrownBy(() -> ClientHandshakeRequest.to(URI.create("ws://h/")).origin(value).build(SAMPLE_NONCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Origin");
        assertThatThrownBy(() -> ClientHandshakeRequest.to(URI.create("ws://h/"))
                .headers(Map.of("Host", List.of(value))).build(SAMPLE_NONCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Host");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "X Test", "X:Test", "X-T\u00e9st", "X\r\nY", "(x)"})
    void nonTokenHeaderNamesAreRefused(String name) {
        assertThatThrownBy(() -> ClientHandshakeRequest.to(URI.create("ws://h/"))
                .headers(Map.of(name, List.of("v"))).build(SAMPLE_NONCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Upgrade", "connection", "Sec-WebSocket-Key", "sec-websocket-version",
            "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions", "Sec-WebSocket-Accept"})
    void handshakeHeadersCannotBeSetAsExtraHeaders(String name) {
        assertThatThrownBy(() -> ClientHandshakeRequest.to(URI.create("ws://h/"))
                .headers(Map.of(name, List.of("v"))).build(SAMPLE_NONCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name)
                .hasMessageContaining("handshake itself");
    }

    @Test
    void badSubprotocolsAreRefused() {
        assertThatThrownBy(() -> ClientHandshakeRequest.to(URI.create("ws://h/"))
                .subprotocols(List.of("chat", "a,b")).build(SAMPLE_NONCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"a,b\" is not a token");
        assertThatThrownBy(() -> ClientHandshakeRequest.to(URI.create("ws://h/"))
                .subprotocols(List.of("chat", "x\r\ny")).build(SAMPLE_NONCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a token");
        assertThatThrownBy(() -> ClientHandshakeRequest.to(URI.create("ws://h/"))
                .subprotocols(List.of("chat", "chat")).build(SAMPLE_NONCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://h/", "h/path", "ws://h/#frag", "ws:opaque", "ws:///nohost"})
    void badUrisAreRefused(String uri) {
        assertThatThrownBy(() -> ClientHandshakeRequest.to(URI.create(uri)).build(SAMPLE_NONCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RFC 6455 §3");
    }

    @Test
    void sampleNonceMatchesTheRfc() {
        byte[] bytes = new byte[16];
        SAMPLE_NONCE.nextBytes(bytes);
        assertThat(java.util.Base64.getEncoder().encodeToString(bytes)).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
    }
}
