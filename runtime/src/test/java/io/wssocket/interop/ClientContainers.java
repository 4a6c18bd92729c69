package io.wssocket.interop;

import io.wssocket.client.ClientConfig;
import io.wssocket.client.internal.ClientTransport;
import io.wssocket.client.internal.WsClientContainer;
import io.wssocket.server.ServerConfig;
import io.wssocket.test.TestCertificates;
import jakarta.websocket.WebSocketContainer;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;

/**
 * The Jakarta WebSocket client containers that {@link ServerInteropCases} can drive.
 * {@link #underTest()} picks the one the cases run with.
 */
final class ClientContainers {

    private ClientContainers() {
    }

    /** The client container under test, a new one for each case: WS Socket's own. */
    static ClientUnderTest underTest() {
        return wsSocket();
    }

    /**
     * The client container under test with permessage-deflate (RFC 7692) explicitly on, whatever
     * the default, and the deflate threshold of {@link DeflateCases#THRESHOLD}.
     */
    static ClientUnderTest underTestOfferingDeflate() {
        return wsSocket(ClientConfig.builder().permessageDeflate(true).permessageDeflateOffer(true).deflateThreshold(DeflateCases.THRESHOLD));
    }

    /**
     * WS Socket's client, with frame and message limits above the cases' largest messages, trusting
     * the test certificate (for wss://).
     */
    static ClientUnderTest wsSocket() {
        return wsSocket(ClientConfig.builder());
    }

    private static ClientUnderTest wsSocket(ClientConfig.Builder builder) {
        WsClientContainer container = new WsClientContainer(builder
                .maxFrameSize(PeerServerEndpoints.MAX_MESSAGE).maxMessageSize(PeerServerEndpoints.MAX_MESSAGE)
                .clientTruststore(TestCertificates.localhost().certificatePem().toString()).build(),
                ClientTransport.shared());
        return withMessageLimits(container, container::close);
    }

    /** Tyrus's client on Grizzly: the reference implementation of the client API. */
    static ClientUnderTest tyrus() {
        ClientManager manager = ClientManager.createClient();
        // Tyrus buffers each incoming frame whole and fails the connection beyond this size, 4 MiB by default.
        manager.getProperties().put(ClientProperties.INCOMING_BUFFER_SIZE, PeerServerEndpoints.MAX_MESSAGE);
        return withMessageLimits(manager, manager::shutdown);
    }

    /** Lets sessions of the container receive the cases' largest messages whole, through the standard API. */
    private static ClientUnderTest withMessageLimits(WebSocketContainer container, Runnable release) {
        container.setDefaultMaxTextMessageBufferSize(PeerServerEndpoints.MAX_MESSAGE);
        container.setDefaultMaxBinaryMessageBufferSize(PeerServerEndpoints.MAX_MESSAGE);
        return new ClientUnderTest(container, release);
    }
}
