package io.wssocket.interop;

/**
 * Jetty 12.1's ee10 Jakarta WebSocket server over wss://, its connector with a
 * {@code SslContextFactory.Server} holding the test keystore: the {@link WssSubset} of
 * {@link ServerInteropCases}.
 */
class JettyServerWssInteropTest extends JettyServerInteropTest {
    @Override
    Scheme scheme() {
        return Scheme.WSS;
    }
}
