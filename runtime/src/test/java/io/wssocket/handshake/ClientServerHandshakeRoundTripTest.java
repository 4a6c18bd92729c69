package io.wssocket.handshake;

import static org.assertj.core.api.Assertions.assertThat;

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
        HttpRequestParser requestParser = new HttpRequestParser(HandshakeLimits.defaults());
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

        // What the server would answer, as the client's validator sees it.
        String subprotocol = Subprotocols.select(upgrade.subprotocols(), List.of("v1.chat", "v2.chat"));
        java.util.Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Upgrade", List.of("websocket"));
        headers.put("Connection", List.of("Upgrade"));
        headers.put("Sec-WebSocket-Accept", List.of(AcceptKey.of(upgrade.key())));
        headers.put("Sec-WebSocket-Protocol", List.of(subprotocol));
        AcceptedHandshake accepted = ClientHandshakeValidator.validate(
                new HttpResponse("HTTP/1.1", 101, "Switching Protocols", headers), request.key(),
                request.subprotocols(), request.extensionNames());
        assertThat(accepted.subprotocol()).isEqualTo("v2.chat");
    }
}
