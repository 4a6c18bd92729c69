package io.wssocket.interop;

/**
 * The JDK's {@code java.net.http.WebSocket} over wss://, its {@code HttpClient} trusting the test
 * certificate: the {@link WssSubset} of {@link ClientInteropCases}, with the JDK's quirks as
 * {@link JdkClientInteropTest} knows them. Its API says nothing of the transport, so only our
 * server's session tells whether the connection is secure.
 */
class JdkClientWssInteropTest extends JdkClientInteropTest {
    @Override
    Scheme scheme() {
        return Scheme.WSS;
    }
}
