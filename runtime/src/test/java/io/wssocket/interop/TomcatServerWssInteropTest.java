package io.wssocket.interop;

/**
 * Embedded Tomcat 11 over wss://, its connector's {@code SSLHostConfig} reading the test
 * certificate and key as PEM files: the {@link WssSubset} of {@link ServerInteropCases}.
 */
class TomcatServerWssInteropTest extends TomcatServerInteropTest {
    @Override
    Scheme scheme() {
        return Scheme.WSS;
    }
}
