package io.wssocket.interop;

/**
 * Tyrus 2.2 on Grizzly over wss://, its listener doing TLS with the test certificate: the
 * {@link WssSubset} of {@link ServerInteropCases}.
 */
class TyrusServerWssInteropTest extends TyrusServerInteropTest {
    @Override
    Scheme scheme() {
        return Scheme.WSS;
    }
}
