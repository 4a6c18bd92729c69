package io.wssocket.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientHandshakeValidatorTest {
    /** RFC 6455 §1.3 / §4.2.2 example. */
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private static Map<String, List<String>> goodHeaders() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Upgrade", List.of("websocket"));
        headers.put("Connection", List.of("Upgrade"));
        headers.put("Sec-WebSocket-Accept", List.of(ACCEPT));
        return headers;
    }

    private static HttpResponse response(Map<String, List<String>> headers) {
        return new HttpResponse("HTTP/1.1", 101, "Switching Protocols", headers);
    }

    private static HttpResponse with(String name, String... values) {
        Map<String, List<String>> headers = goodHeaders();
        if (values.length == 0) {
            headers.remove(name);
        } else {
            headers.put(name, List.of(values));
        }
        return response(headers);
    }

    private static HandshakeFailedException failure(HttpResponse response, List<String> subprotocols, List<String> extensions) {
        HandshakeFailedException e = catchThrowableOfType(HandshakeFailedException.class,
                () -> ClientHandshakeValidator.validate(response, KEY, subprotocols, extensions));
        assertThat(e).as("validation fails").isNotNull();
        return e;
    }

    private static HandshakeFailedException failure(HttpResponse response) {
        return failure(response, List.of(), List.of());
    }

    @Test
    void rfcExampleIsAccepted() throws Exception {
        assertThat(AcceptKey.of(KEY)).isEqualTo(ACCEPT);

        AcceptedHandshake accepted = ClientHandshakeValidator.validate(response(goodHeaders()), KEY, List.of(), List.of());

        assertThat(accepted.subprotocol()).isEmpty();
        assertThat(accepted.extensions()).isEmpty();
        assertThat(accepted.response().status()).isEqualTo(101);
    }

    @Test
    void headerNamesAndTokenValuesAreCaseInsensitive() throws Exception {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("upgrade", List.of("WebSocket"));
        headers.put("CONNECTION", List.of("keep-alive, UPGRADE"));
        headers.put("sec-websocket-accept", List.of(ACCEPT));

        assertThat(ClientHandshakeValidator.validate(response(headers), KEY, List.of(), List.of()).subprotocol()).isEmpty();
    }

    @Test
    void statusOtherThan101FailsNamingStatusAndReason() {
        HandshakeFailedException e = failure(new HttpResponse("HTTP/1.1", 404, "Not Found", goodHeaders()));

        assertThat(e.status()).isEqualTo(OptionalInt.of(404));
        assertThat(e).hasMessageContaining("404 Not Found").hasMessageContaining("101 Switching Protocols");
    }

    @Test
    void statusWithEmptyReason() {
        HandshakeFailedException e = failure(new HttpResponse("HTTP/1.1", 200, "", goodHeaders()));

        assertThat(e).hasMessageStartingWith("The server answered 200 instead of 101");
    }

    @Test
    void missingOrWrongUpgradeFails() {
        assertThat(failure(with("Upgrade"))).hasMessageContaining("no Upgrade header").hasMessageContaining("'websocket'");
        HandshakeFailedException e = failure(with("Upgrade", "h2c"));
        assertThat(e).hasMessageContaining("Upgrade: h2c").hasMessageContaining("RFC 6455 §4.1");
        assertThat(e.status()).isEqualTo(OptionalInt.of(101));
    }

    @Test
    void missingOrWrongConnectionFails() {
        assertThat(failure(with("Connection"))).hasMessageContaining("no Connection header");
        assertThat(failure(with("Connection", "keep-alive"))).hasMessageContaining("Connection: keep-alive")
                .hasMessageContaining("'Upgrade'");
        assertThat(failure(with("Connection", "upgraded"))).hasMessageContaining("'Upgrade'");
    }

    @Test
    void missingWrongOrRepeatedAcceptFails() {
        assertThat(failure(with("Sec-WebSocket-Accept"))).hasMessageContaining("no Sec-WebSocket-Accept header");
        assertThat(failure(with("Sec-WebSocket-Accept", "S3PPLMBiTxaQ9kYGzzhZRbK+xOo=")))
                .hasMessageContaining("S3PPLMBiTxaQ9kYGzzhZRbK+xOo= is not " + ACCEPT);
        assertThat(failure(with("Sec-WebSocket-Accept", ACCEPT, ACCEPT))).hasMessageContaining("is not " + ACCEPT);
        HandshakeFailedException wrongKey = catchThrowableOfType(HandshakeFailedException.class,
                () -> ClientHandshakeValidator.validate(response(goodHeaders()), "AAAAAAAAAAAAAAAAAAAAAA==", List.of(), List.of()));
        assertThat(wrongKey).hasMessageContaining("did not process the WebSocket handshake");
    }

    @Test
    void acceptedExtensionsAreReturnedWithParameters() throws Exception {
        AcceptedHandshake accepted = ClientHandshakeValidator.validate(
                with("Sec-WebSocket-Extensions", "permessage-deflate; server_no_context_takeover", "x-b"),
                KEY, List.of(), List.of("x-b", "permessage-deflate"));

        assertThat(accepted.extensions()).containsExactly(
                new ExtensionOffer("permessage-deflate", List.of(new ExtensionOffer.Parameter("server_no_context_takeover", null))),
                new ExtensionOffer("x-b", List.of()));
    }

    @Test
    void blankExtensionsHeaderMeansNone() throws Exception {
        assertThat(ClientHandshakeValidator.validate(with("Sec-WebSocket-Extensions", " "), KEY, List.of(), List.of())
                .extensions()).isEmpty();
    }

    @Test
    void extensionNotOfferedFails() {
        assertThat(failure(with("Sec-WebSocket-Extensions", "permessage-deflate"), List.of(), List.of()))
                .hasMessageContaining("extension permessage-deflate, which was not offered (offered: none)");
        assertThat(failure(with("Sec-WebSocket-Extensions", "x-a, x-c"), List.of(), List.of("x-a", "x-b")))
                .hasMessageContaining("extension x-c, which was not offered (offered: x-a, x-b)");
    }

    @Test
    void malformedExtensionsFails() {
        assertThat(failure(with("Sec-WebSocket-Extensions", "x-a; =1"), List.of(), List.of("x-a")))
                .hasMessageStartingWith("The server's Malformed Sec-WebSocket-Extensions header");
    }

    @Test
    void requestedSubprotocolIsReturned() throws Exception {
        assertThat(ClientHandshakeValidator.validate(with("Sec-WebSocket-Protocol", "superchat"), KEY,
                List.of("chat", "superchat"), List.of()).subprotocol()).isEqualTo("superchat");
    }

    @Test
    void noSubprotocolSelectedIsAllowedEvenWhenSomeWereRequested() throws Exception {
        assertThat(ClientHandshakeValidator.validate(response(goodHeaders()), KEY, List.of("chat"), List.of())
                .subprotocol()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"other", "Chat", "CHAT"})
    void subprotocolNotRequestedFails(String selected) {
        assertThat(failure(with("Sec-WebSocket-Protocol", selected), List.of("chat"), List.of()))
                .hasMessageContaining("subprotocol " + selected + ", which was not requested (requested: chat)");
    }

    @Test
    void subprotocolWhenNoneRequestedFails() {
        assertThat(failure(with("Sec-WebSocket-Protocol", "chat")))
                .hasMessageContaining("subprotocol chat, which was not requested (requested: none)");
    }

    @Test
    void severalSubprotocolsFail() {
        assertThat(failure(with("Sec-WebSocket-Protocol", "chat, superchat"), List.of("chat", "superchat"), List.of()))
                .hasMessageContaining("several subprotocols (chat, superchat)");
        assertThat(failure(with("Sec-WebSocket-Protocol", "chat", "chat"), List.of("chat"), List.of()))
                .hasMessageContaining("at most one");
    }
}
