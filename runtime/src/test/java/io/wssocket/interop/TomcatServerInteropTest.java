package io.wssocket.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.client.ContainerConfig;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Extension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Embedded Tomcat 11's WebSocket server against the client container under test.
 *
 * <p>With permessage-deflate (offered by our client for an endpoint that asks, Tomcat accepts it), Tomcat sends
 * fewer frames than its endpoint sent parts: an empty message's parts collapse into its last
 * frame, and compressed output is held back across parts. RFC 6455 §5.4 lets an extension change
 * fragmentation, so the case that counts the server's fragments runs with deflate off on our
 * client (whatever option permessage-deflate-offer says), and {@link #aCompressedFragmentedReplyArrivesWholeToPartialHandlers} checks what arrives
 * when it is on.
 */
class TomcatServerInteropTest extends ServerInteropCases {
    @Override
    PeerServer newServer() {
        return new TomcatServerPeer();
    }

    @Override
    ClientEndpointConfig fragmentCaseConfig() {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        config.getUserProperties().put(ContainerConfig.PERMESSAGE_DEFLATE_PROPERTY, false);
        return config;
    }

    /** Tomcat's compressed fragments, however it cuts them, gather to the message its endpoint sent. */
    @ParameterizedTest(name = "{0} of {1} bytes, {2}")
    @MethodSource("serverFragmentedCases")
    void aCompressedFragmentedReplyArrivesWholeToPartialHandlers(MessageType type, int size, EchoRoute route)
            throws Exception {
        ReceivedMessage reply = echo(type, size, route, RecordingClientEndpoint.Handlers.PARTIAL, deflating());
        assertThat(reply.parts()).as("pieces the partial handler got").isPositive();
    }

    /** Our client's usual offer, made for an endpoint that asks for it: Tomcat's server accepts it, and the echo comes back. */
    @Test
    void echoesCompressedWithOurUsualOffer() throws Exception {
        try (ClientConnection connection = connect(InteropEndpoints.ECHO, RecordingClientEndpoint.Handlers.WHOLE,
                deflating())) {
            assertThat(connection.session().getNegotiatedExtensions()).extracting(Extension::getName)
                    .containsExactly("permessage-deflate");
            String text = "compressed both ways, ".repeat(100);
            connection.sendText(text);
            assertThat(connection.nextText(TIMEOUT)).isEqualTo(text);
        }
    }

    /** An endpoint configuration that asks our client to offer permessage-deflate. */
    private static ClientEndpointConfig deflating() {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        config.getUserProperties().put(ContainerConfig.PERMESSAGE_DEFLATE_PROPERTY, true);
        return config;
    }
}
