package io.wssocket.interop;

import java.net.URI;
import java.util.List;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Jetty 12's native WebSocket client against our server. */
class JettyClientInteropTest extends ClientInteropCases {
    private static final WebSocketClient CLIENT = JettyPeer.newClient();

    @BeforeAll
    static void startClient() throws Exception {
        CLIENT.start();
    }

    @AfterAll
    static void stopClient() throws Exception {
        CLIENT.stop();
    }

    @Override
    InteropPeer connect(URI uri, boolean partialHandlers, List<String> subprotocols) throws Exception {
        return JettyPeer.connect(CLIENT, uri, partialHandlers, subprotocols);
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
