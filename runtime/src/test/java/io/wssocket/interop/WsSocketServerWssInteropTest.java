package io.wssocket.interop;

/**
 * WS Socket's own server over wss://, with the test keystore, against our client: the
 * {@link WssSubset} of {@link ServerInteropCases}.
 */
class WsSocketServerWssInteropTest extends WsSocketServerInteropTest {
    @Override
    Scheme scheme() {
        return Scheme.WSS;
    }
}
