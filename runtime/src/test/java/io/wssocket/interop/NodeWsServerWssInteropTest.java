package io.wssocket.interop;

/**
 * The Node.js ws 8 server over wss://, on {@code https.createServer} with the test certificate and
 * key: the {@link WssSubset} of {@link ServerInteropCases}.
 */
class NodeWsServerWssInteropTest extends NodeWsServerInteropTest {
    @Override
    Scheme scheme() {
        return Scheme.WSS;
    }
}
