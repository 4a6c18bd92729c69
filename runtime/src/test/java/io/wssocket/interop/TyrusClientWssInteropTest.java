package io.wssocket.interop;

/**
 * The Tyrus client over wss://, trusting the test certificate through its SSL engine
 * configurator: the {@link WssSubset} of {@link ClientInteropCases}, with Tyrus's quirks as
 * {@link TyrusClientInteropTest} knows them. Tyrus's client session says {@code isSecure()} false
 * even here ({@link TyrusPeer#secure()}), so only our server's session tells.
 */
class TyrusClientWssInteropTest extends TyrusClientInteropTest {
    @Override
    Scheme scheme() {
        return Scheme.WSS;
    }
}
