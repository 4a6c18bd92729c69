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
