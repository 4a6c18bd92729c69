package io.wssocket.interop;

import java.net.URI;
import java.util.List;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Jetty 12's native WebSocket client against our server: one client for the class, one session per case. */
class JettyClientInteropTest extends ClientInteropCases {
    private WebSocketClient client;

    @BeforeAll
    void startClient() throws Exception {
        client = JettyPeer.newClient();
        client.start();
    }

    @AfterAll
    void stopClient() throws Exception {
        if (client != null) {
            client.stop();
        }
    }

    @Override
    InteropPeer connect(URI uri, boolean partialHandlers, List<String> subprotocols) throws Exception {
        return JettyPeer.connect(client, uri, partialHandlers, subprotocols);
    }

    @Override
    InteropPeer connectOfferingDeflate(URI uri) throws Exception {
        return JettyPeer.connectOfferingDeflate(client, uri);
    }

    /**
     * Jetty 12.1's client keeps its compression context from one message to the next although our
     * server's answer says {@code client_no_context_takeover}, which RFC 7692 §7.1.1.2 says it must
     * then drop (its {@code PerMessageDeflateExtension} keeps the deflater of the connection).
     */
    @Override
    boolean clientDropsContextWhenAsked() {
        return false;
    }

    /**
     * Jetty's partial binary delivery skips a non-final frame without payload (core
     * {@code PartialByteBufferMessageSink.accept}, Jetty 12.1.14), so an empty binary message shows
     * only its final frame.
     */
    @Override
    int piecesDeliveredFor(MessageType type, int size, int frames) {
        return type == MessageType.BINARY && size == 0 ? 1 : frames;
    }
}
