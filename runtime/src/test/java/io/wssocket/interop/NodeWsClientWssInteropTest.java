package io.wssocket.interop;

/**
 * The Node.js ws client over wss://, trusting the test certificate through its {@code ca} option:
 * the {@link WssSubset} of {@link ClientInteropCases}, with the quirks
 * {@link NodeWsClientInteropTest} knows. The driver reports whether its socket is encrypted.
 */
class NodeWsClientWssInteropTest extends NodeWsClientInteropTest {
    @Override
    Scheme scheme() {
        return Scheme.WSS;
    }
}
