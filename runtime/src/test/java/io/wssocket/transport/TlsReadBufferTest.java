package io.wssocket.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.wssocket.test.TestCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A TLS connection on a loop whose read buffer cannot hold a record's plaintext is refused with a
 * reason, instead of unwrapping nothing on every turn while its loop spins (the server's
 * configuration requires enough, but a loop can be made without it, as the client's are).
 */
@Timeout(30)
class TlsReadBufferTest {
    private static final TransportConfig SMALL_READS = new TransportConfig(1, 4096, 1 << 20, 1 << 19, 1 << 22, true, 0);

    @Test
    void aTlsConnectionOnALoopWithTooSmallAReadBufferIsClosedAndTheLoopServesOn() throws Exception {
        TestCertificates.Material material = TestCertificates.localhost();
        try (LoopbackLoops transport = new LoopbackLoops("tls-buffer-test", SMALL_READS, 50);
             Socket peer = new Socket(InetAddress.getLoopbackAddress(), transport.address().getPort())) {
            DiscardingHandler handler = new DiscardingHandler();
            EventLoop loop = transport.loops.next();
            loop.register(transport.listener.accept(), TlsContext.serverFromPkcs12(material.keystore(),
                    TestCertificates.PASSWORD.toCharArray(), TlsContext.DEFAULT_PROTOCOLS).serverEngine(),
                    handler, connection -> { });

            assertThat(handler.closed.get(10, TimeUnit.SECONDS)).isInstanceOf(IOException.class)
                    .hasMessageContaining("read buffer of 4096 bytes cannot hold a TLS record");
            assertThat(loop.connectionCount()).isZero();
            assertThat(loop.isRunning()).isTrue();
        }
    }
}
