package io.wssocket.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpResponseWriterTest {

    private static String text(ByteBuffer buffer) {
        assertThat(buffer.position()).isZero();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void switchingProtocolsWithoutOptions() {
        ByteBuffer out = HttpResponseWriter.switchingProtocols("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", null, null, Map.of());

        assertThat(text(out)).isEqualTo("HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                + "\r\n");
    }

    @Test
    void switchingProtocolsWithSubprotocolExtensionsAndExtraHeaders() {
        Map<String, List<String>> extra = new LinkedHashMap<>();
        extra.put("Set-Cookie", List.of("a=1", "b=2"));
        extra.put("X-Server", List.of("wssocket"));

        ByteBuffer out = HttpResponseWriter.switchingProtocols(
                "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", "chat", "permessage-deflate; client_max_window_bits=15", extra);

        assertThat(text(out)).isEqualTo("HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                + "Sec-WebSocket-Protocol: chat\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=15\r\n"
                + "Set-Cookie: a=1\r\n"
                + "Set-Cookie: b=2\r\n"
                + "X-Server: wssocket\r\n"
                + "\r\n");
    }

    @Test
    void upgradeRequired() {
        HttpStatusException e = new HttpStatusException(426, "Sec-WebSocket-Version 8 is not supported; use 13",
                Map.of("Sec-WebSocket-Version", "13"));

        ByteBuffer out = HttpResponseWriter.error(e);

        assertThat(text(out)).isEqualTo("HTTP/1.1 426 Upgrade Required\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: 49\r\n"
                + "Connection: close\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "\r\n"
                + "Sec-WebSocket-Version 8 is not supported; use 13\n");
    }

    @Test
    void errorBodyIsUtf8AndContentLengthCountsBytes() {
        ByteBuffer out = HttpResponseWriter.error(400, "caf\u00e9 \u2603", Map.of());

        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        String all = new String(bytes, StandardCharsets.UTF_8);
        assertThat(all).startsWith("HTTP/1.1 400 Bad Request\r\n")
                .contains("Content-Length: 10\r\n")
                .endsWith("\r\n\r\ncaf\u00e9 \u2603\n");
    }

    @Test
    void reasonPhrasesAreTheStandardOnes() {
        assertThat(text(HttpResponseWriter.error(405, "x", Map.of("Allow", "GET"))))
                .startsWith("HTTP/1.1 405 Method Not Allowed\r\n").contains("\r\nAllow: GET\r\n");
        assertThat(new HttpStatusException(403, "x").reasonPhrase()).isEqualTo("Forbidden");
        assertThat(new HttpStatusException(404, "x").reasonPhrase()).isEqualTo("Not Found");
        assertThat(new HttpStatusException(414, "x").reasonPhrase()).isEqualTo("URI Too Long");
        assertThat(new HttpStatusException(431, "x").reasonPhrase()).isEqualTo("Request Header Fields Too Large");
        assertThat(new HttpStatusException(500, "x").reasonPhrase()).isEqualTo("Internal Server Error");
        assertThat(new HttpStatusException(503, "x").reasonPhrase()).isEqualTo("Service Unavailable");
        assertThat(new HttpStatusException(505, "x").reasonPhrase()).isEqualTo("HTTP Version Not Supported");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chat\r\nX-Injected: 1", "chat\nX: 1", "chat\r", "a\u0000b", "snow\u2603"})
    void headerValueWithCrLfOrControlCharactersIsRejected(String value) {
        assertThatThrownBy(() -> HttpResponseWriter.switchingProtocols("k", value, null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Sec-WebSocket-Protocol");
        assertThatThrownBy(() -> HttpResponseWriter.switchingProtocols("k", null, null, Map.of("X", List.of(value))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpResponseWriter.error(400, "bad", Map.of("X", value)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-A\r\nX-B", "X A", "", "X:"})
    void headerNameThatIsNotATokenIsRejected(String name) {
        assertThatThrownBy(() -> HttpResponseWriter.switchingProtocols("k", null, null, Map.of(name, List.of("v"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a token");
    }

    @Test
    void exceptionCarriesNoStackTrace() {
        assertThat(new HttpStatusException(400, "x").getStackTrace()).isEmpty();
    }
}
