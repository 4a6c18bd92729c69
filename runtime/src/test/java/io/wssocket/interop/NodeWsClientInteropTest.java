package io.wssocket.interop;

import io.wssocket.test.TestCertificates;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ws library for Node.js ({@code src/test/node/ws-driver.mjs}) against our server. The driver
 * trusts the test certificate (its {@code ca} option), which only a wss:// URI puts to use.
 */
class NodeWsClientInteropTest extends ClientInteropCases {
    @RegisterExtension
    static final NodeDriverExtension driver = NodeDriverExtension.script("ws-driver.mjs",
            context -> Map.of("CA_FILE", TestCertificates.localhost().certificatePem().toString()));

    @Override
    InteropPeer connect(URI uri, boolean partialHandlers, List<String> subprotocols) throws Exception {
        return driver.connect(uri, subprotocols);
    }

    @Override
    InteropPeer connectOfferingDeflate(URI uri) throws Exception {
        return driver.connectOfferingDeflate(uri);
    }

    /** ws gathers a message's frames before its 'message' event and has no public per-frame event. */
    @Override
    int piecesDeliveredFor(MessageType type, int size, int frames) {
        return 1;
    }
}
