package io.wssocket.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import io.wssocket.test.TestCertificates;
import java.net.Socket;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A wss:// server's TLS handshakes are counted as they end: completed, or failed when the client gave up first. */
class TlsMetricsTest {
    private static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();
    private static final TestCertificates.Material CERTIFICATE = TestCertificates.localhost();

    @RegisterExtension
    static final RunningServer SERVER = RunningServer.with(b -> b.metricsListener(WsSocketMetrics.bindTo(REGISTRY))
            .tlsKeystore(CERTIFICATE.keystore().toString()).tlsKeystorePassword(TestCertificates.PASSWORD),
            MetricsEndpoints::deploy);

    @Test
    void completedAndFailedTlsHandshakesAreCounted() throws Exception {
        double completed = tls("completed");
        double failed = tls("failed");
        try (SSLSocket socket = (SSLSocket) CERTIFICATE.clientContext().getSocketFactory()
                .createSocket("127.0.0.1", SERVER.port());
             RawWebSocket ws = RawWebSocket.over(socket)) {
            socket.startHandshake();
            ws.handshake("/echo");
            ws.sendText("over tls");
            assertThat(ws.readFrame().text()).isEqualTo("over tls");
            await().atMost(Duration.ofSeconds(10)).until(() -> tls("completed") == completed + 1);
            assertThat(REGISTRY.get("wssocket.tls.handshakes.active").gauge().value()).isZero();
        }
        // A client that connects and leaves before any TLS: its handshake never completes.
        try (Socket plain = new Socket("127.0.0.1", SERVER.port())) {
            plain.getOutputStream().write(new byte[] {1, 2, 3});
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> tls("failed") == failed + 1);
        assertThat(tls("completed")).isEqualTo(completed + 1);
    }

    private static double tls(String outcome) {
        return REGISTRY.get("wssocket.tls.handshakes").tag("outcome", outcome).functionCounter().count();
    }
}
