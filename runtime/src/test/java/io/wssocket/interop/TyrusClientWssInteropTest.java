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

    /**
     * Over TLS, Tyrus 2.2.0's Grizzly client reports 1006 (no close frame received) when our server
     * fails the connection, sending its close frame and ending the connection at once; over plain
     * TCP it reports our code, and so does Jetty's client over TLS in the same cases.
     */
    @Override
    int codeSeenWhenOurServerFails(int code) {
        return 1006;
    }
}
