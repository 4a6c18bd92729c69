package io.wssocket.handshake;

import io.wssocket.config.ConnectionSettings;
import io.wssocket.config.OptionValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Our client's request satisfies our server, and our server's answer satisfies our client. */
class ClientServerHandshakeRoundTripTest {

    @Test
    void requestPassesTheServerAndTheAnswerPassesTheClient() throws Exception {
        ClientHandshakeRequest request = ClientHandshakeRequest.to(URI.create("ws://[::1]:8025/chat?room=7"))
                .subprotocols(List.of("v2.chat", "v1.chat"))
                .extensions(List.of(new ExtensionOffer("permessage-deflate",
                        List.of(new ExtensionOffer.Parameter("client_max_window_bits", null)))))
                .origin("https://example.com")
                .headers(Map.of("Cookie", List.of("session=abc")))
                .build(new SecureRandom());

        // Server side.
        HttpRequestParser requestParser = new HttpRequestParser(ConnectionSettings.handshakeLimits(OptionValues.defaults()));
        ByteBuffer requestBytes = request.bytes();
        assertThat(requestParser.parse(requestBytes)).isTrue();
        assertThat(requestBytes.hasRemaining()).isFalse();
        UpgradeRequest upgrade = UpgradeRequestValidator.validate(requestParser.request());
        assertThat(upgrade.key()).isEqualTo(request.key());
        assertThat(upgrade.subprotocols()).containsExactly("v2.chat", "v1.chat");
        assertThat(upgrade.extensions()).isEqualTo(request.extensions());
        assertThat(upgrade.origin()).isEqualTo("https://example.com");
        assertThat(upgrade.request().path()).isEqualTo("/chat");
        assertThat(upgrade.request().query()).isEqualTo("room=7");
        assertThat(upgrade.request().header("Host")).isEqualTo("[::1]:8025");
        assertThat(upgrade.request().header("Cookie")).isEqualTo("session=abc");

        // The server's answer, with its first frame (a ping) right behind the head.
        String subprotocol = Subprotocols.select(upgrade.subprotocols(), List.of("v1.chat", "v2.chat"));
        ByteBuffer responseBytes = HttpResponseWriter.switchingProtocols(AcceptKey.of(upgrade.key()), subprotocol,
                "permessage-deflate; client_max_window_bits=15", Map.of("Set-Cookie", List.of("x=1")));
        ByteBuffer withFrame = ByteBuffer.allocate(responseBytes.remaining() + 2);
        withFrame.put(responseBytes).put((byte) 0x89).put((byte) 0x00).flip();

        // Client side.
        HttpResponseParser responseParser = new HttpResponseParser(ConnectionSettings.handshakeLimits(OptionValues.defaults()));
        assertThat(responseParser.parse(withFrame)).isTrue();
        assertThat(withFrame.remaining()).as("the ping frame after the head").isEqualTo(2);
        AcceptedHandshake accepted = ClientHandshakeValidator.validate(responseParser.response(), request.key(),
                request.subprotocols(), request.extensionNames());

        assertThat(accepted.subprotocol()).isEqualTo("v2.chat");
        assertThat(accepted.extensions()).containsExactly(new ExtensionOffer("permessage-deflate",
                List.of(new ExtensionOffer.Parameter("client_max_window_bits", "15"))));
        assertThat(accepted.response().header("set-cookie")).isEqualTo("x=1");
    }

    @Test
    void minimalRoundTrip() throws Exception {
        ClientHandshakeRequest request = ClientHandshakeRequest.to(URI.create("wss://example.com"))
                .build(new SecureRandom());
        HttpRequestParser requestParser = new HttpRequestParser(ConnectionSettings.handshakeLimits(OptionValues.defaults()));
        assertThat(requestParser.parse(request.bytes())).isTrue();
        UpgradeRequest upgrade = UpgradeRequestValidator.validate(requestParser.request());

        HttpResponseParser responseParser = new HttpResponseParser(ConnectionSettings.handshakeLimits(OptionValues.defaults()));
        assertThat(responseParser.parse(
                HttpResponseWriter.switchingProtocols(AcceptKey.of(upgrade.key()), null, null, Map.of()))).isTrue();
        AcceptedHandshake accepted = ClientHandshakeValidator.validate(responseParser.response(), request.key(),
                List.of(), List.of());

        assertThat(accepted.subprotocol()).isEmpty();
        assertThat(accepted.extensions()).isEmpty();
    }

    @Test
    void serverErrorResponseFailsTheClientWithItsStatus() throws Exception {
        HttpResponseParser responseParser = new HttpResponseParser(ConnectionSettings.handshakeLimits(OptionValues.defaults()));
        ByteBuffer answer = HttpResponseWriter.error(new HttpStatusException(426, "use 13",
                Map.of("Sec-WebSocket-Version", "13")));
        assertThat(responseParser.parse(answer)).isTrue();
        assertThat(answer.remaining()).as("the body after the head").isEqualTo("use 13\n".length());

        HandshakeFailedException e = catchThrowableOfType(HandshakeFailedException.class,
                () -> ClientHandshakeValidator.validate(responseParser.response(), "dGhlIHNhbXBsZSBub25jZQ==",
                        List.of(), List.of()));
        assertThat(e.status()).hasValue(426);
        assertThat(e).hasMessageContaining("426 Upgrade Required");
    }
}
