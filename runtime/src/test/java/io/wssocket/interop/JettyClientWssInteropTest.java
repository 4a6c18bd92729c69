package io.wssocket.interop;

/**
 * Jetty 12's WebSocket client over wss://, its {@code SslContextFactory.Client} trusting the test
 * certificate: the {@link WssSubset} of {@link ClientInteropCases}, with Jetty's quirks as
 * {@link JettyClientInteropTest} knows them. Both ends' sessions say whether they are secure.
 */
class JettyClientWssInteropTest extends JettyClientInteropTest {
    @Override
    Scheme scheme() {
        return Scheme.WSS;
    }
}
