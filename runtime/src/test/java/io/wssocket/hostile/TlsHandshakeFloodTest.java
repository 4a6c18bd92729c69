package io.wssocket.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.server.ServerInternals;
import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RawWebSocket;
import io.wssocket.test.RunningServer;
import io.wssocket.test.TestCertificates;
import io.wssocket.transport.TlsHandshakes;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A flood of TLS handshakes costs an established wss session nothing: the handshakes' crypto runs
 * on the TLS threads, not on the event loops that carry the session's frames, and sockets
 * accepted beyond max-tls-handshakes are closed at once, before any crypto is spent on them.
 */
@Timeout(120)
class TlsHandshakeFloodTest {
    private static final int MAX_HANDSHAKES = 16;
    private static final int FULL_HANDSHAKES = 150;
    private static final int SILENT_SOCKETS = 300;

    @RegisterExtension
    static final RunningServer server = RunningServer.with(
            b -> b.tlsKeystore(TestCertificates.localhost().keystore().toString())
                    .tlsKeystorePassword(TestCertificates.PASSWORD)
                    .maxTlsHandshakes(MAX_HANDSHAKES).tlsHandshakeThreads(1).maxConnectionsPerAddress(0),
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build()));

    private static SSLContext client;
    private static RawWebSocket session;

    @BeforeAll
    static void openSession() throws Exception {
        client = TestCertificates.localhost().clientContext();
        session = RawWebSocket.over(tlsSocket());
        session.handshake("/echo");
        assertEchoes("before the flood");
    }

    @AfterAll
    static void closeSession() throws IOException {
        if (session != null) {
            session.close();
        }
    }

    @Test
    void theSessionKeepsEchoingWhileManyFullHandshakesRun() throws Exception {
        ExecutorService flood = Executors.newFixedThreadPool(MAX_HANDSHAKES);
        AtomicInteger completed = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> handshakes = new ArrayList<>();
        try {
            for (int i = 0; i < FULL_HANDSHAKES; i++) {
                handshakes.add(flood.submit(() -> {
                    try (SSLSocket socket = tlsSocket()) {
                        completed.incrementAndGet();
                    } catch (IOException e) {
                        refused.incrementAndGet(); // closed at max-tls-handshakes
                    }
                    return null;
                }));
            }
            int echoes = 0;
            while (handshakes.stream().anyMatch(f -> !f.isDone())) {
                assertEchoes("during the flood, echo " + ++echoes);
            }
            for (Future<?> handshake : handshakes) {
                handshake.get(30, TimeUnit.SECONDS);
            }
        } finally {
            flood.shutdownNow();
        }
        assertThat(completed.get() + refused.get()).isEqualTo(FULL_HANDSHAKES);
        assertThat(completed).as("handshakes within the limit complete").hasPositiveValue();
        assertThat(Thread.getAllStackTraces().keySet()).as("the handshakes' crypto ran on the TLS threads")
                .anyMatch(thread -> thread.getName().startsWith("wssocket-tls-"));
        assertEchoes("after the flood");
        TlsHandshakes places = ServerInternals.eventLoops(server.server()).tlsHandshakes();
        await().atMost(Duration.ofSeconds(10)).until(() -> places.inProgress() == 0); // every place given back
    }

    @Test
    void socketsBeyondMaxTlsHandshakesAreClosedAtOnce() throws Exception {
        TlsHandshakes handshakes = ServerInternals.eventLoops(server.server()).tlsHandshakes();
        List<Socket> silent = new ArrayList<>();
        Set<Socket> ended = new HashSet<>();
        try {
            // Each connects and says nothing: a handshake that holds its place until the handshake timeout.
            for (int i = 0; i < SILENT_SOCKETS; i++) {
                silent.add(new Socket(InetAddress.getLoopbackAddress(), server.port()));
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> closedByServer(silent, ended) >= SILENT_SOCKETS - MAX_HANDSHAKES);
            assertThat(handshakes.inProgress()).isLessThanOrEqualTo(MAX_HANDSHAKES);
            assertEchoes("with every handshake place taken");
        } finally {
            for (Socket socket : silent) {
                socket.close();
            }
        }
    }

    private static SSLSocket tlsSocket() throws IOException {
        SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout((int) RawWebSocket.READ_TIMEOUT.toMillis());
        socket.startHandshake();
        return socket;
    }

    private static void assertEchoes(String text) throws IOException {
        session.sendText(text);
        assertThat(session.readFrame().text()).isEqualTo(text);
    }

    /** Sockets the server has ended (EOF or reset); one still open does not answer within a moment. */
    private static int closedByServer(List<Socket> sockets, Set<Socket> ended) throws IOException {
        for (Socket socket : sockets) {
            if (ended.contains(socket)) {
                continue;
            }
            socket.setSoTimeout(20);
            InputStream in = socket.getInputStream();
            try {
                if (in.read() < 0) {
                    ended.add(socket);
                }
            } catch (SocketTimeoutException stillOpen) {
                // held: its handshake is in progress
            } catch (SocketException reset) {
                ended.add(socket);
            }
        }
        return ended.size();
    }
}
