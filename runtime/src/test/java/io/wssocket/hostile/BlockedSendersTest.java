package io.wssocket.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import io.wssocket.client.SendQueuePolicy;
import io.wssocket.test.JdkClient;
import io.wssocket.test.RawWebSocket;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 200 clients with 4 KiB receive windows each send two texts to an endpoint that answers each with
 * 4 MiB through the blocking remote, and never read: each answer blocks its callback thread on a
 * peer that does not read, for up to the 30 s send timeout (the reported case: two 2 MiB texts to
 * a blocking echo). On platform threads (4 runnable callback threads) the other sessions and new
 * handshakes are still served; at a ceiling small enough to be hit, the slow peers are dropped
 * (1008) instead of waited on; under send-queue-policy close they are dropped once nothing could
 * be written for the send-stall timeout.
 *
 * <p>Why an answer of one shared buffer rather than an echo of what the client sent: on loopback
 * the kernel takes about a megabyte per connection before a send blocks, so an echo would need
 * messages of megabytes, each held twice per session (the received one, the frame being sent):
 * over a gigabyte for 200 sessions. A binary send of a shared buffer is written from that buffer,
 * so the 200 blocked sends cost the server almost no heap.
 */
@Timeout(120)
class BlockedSendersTest {
    private static final int SLOW = 200;
    private static final int ANSWER_SIZE = 4 << 20;
    private static final int RUNNABLE_THREADS = 4;
    private static final String POOL_NAME = "wssocket-endpoint-";

    /** Echoes every text with the basic remote, which blocks until the peer has taken it. */
    public static class BlockingEcho extends Endpoint {
        static final Queue<CloseReason> closes = new ConcurrentLinkedQueue<>();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, text -> {
                try {
                    session.getBasicRemote().sendText(text);
                } catch (IOException e) {
                    // the peer was dropped: its close is what the tests look at
                }
            });
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closes.add(reason);
        }
    }

    /** Answers every text with {@link #ANSWER_SIZE} bytes, sent with the basic remote. */
    public static class BlockingDownload extends Endpoint {
        private static final ByteBuffer ANSWER = ByteBuffer.allocate(ANSWER_SIZE).asReadOnlyBuffer();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, text -> {
                try {
                    session.getBasicRemote().sendBinary(ANSWER.duplicate());
                } catch (IOException e) {
                    // the peer was dropped: its close is what the tests look at
                }
            });
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            BlockingEcho.closes.add(reason);
        }
    }

    /** Counts the handshakes its modifyHandshake saw. */
    public static class CountingConfigurator extends ServerEndpointConfig.Configurator {
        static final AtomicInteger handshakes = new AtomicInteger();

        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            handshakes.incrementAndGet();
        }
    }

    @BeforeEach
    void forget() {
        BlockingEcho.closes.clear();
        CountingConfigurator.handshakes.set(0);
    }

    private static WebSocketServer start(Consumer<ServerConfig.Builder> configure) throws Exception {
        ServerConfig.Builder builder = ServerConfig.builder().host("127.0.0.1").port(0).eventLoops(2)
                .virtualThreads(false).callbackThreads(RUNNABLE_THREADS).idleTimeoutMillis(0);
        configure.accept(builder);
        WebSocketServer server = WebSocketServer.create(builder.build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(BlockingEcho.class, "/echo").build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(BlockingDownload.class, "/download").build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(BlockingEcho.class, "/configured")
                .configurator(new CountingConfigurator()).build());
        server.start();
        return server;
    }

    /** Opens clients that ask for two large answers each and never read again. */
    private static List<RawWebSocket> openNonReaders(int port, int count) throws IOException {
        List<RawWebSocket> clients = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                RawWebSocket client = RawWebSocket.connectWithReceiveBuffer(port, 4096);
                clients.add(client);
                client.handshake("/download");
                try {
                    client.sendText("send");
                    client.sendText("send again");
                } catch (IOException e) {
                    // already dropped at the ceiling, after the first
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            RawWebSocket.closeAll(clients);
            throw e;
        }
        return clients;
    }

    /** Callback threads now blocked in a send on their peer (their stack passes through PeerWait). */
    private static long threadsWaitingOnPeers() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith(POOL_NAME))
                .filter(e -> Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().endsWith(".PeerWait")))
                .count();
    }

    private static long callbackThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(POOL_NAME)).count();
    }

    private static void assertEchoes(JdkClient canary, String text) throws Exception {
        assertThat(canary.ask(text)).as("echo on a well-behaved connection").isEqualTo(text);
    }

    private static void assertConfiguredHandshakeServed(int port) throws IOException {
        int before = CountingConfigurator.handshakes.get();
        try (RawWebSocket configured = RawWebSocket.open(port, "/configured")) { // asserts the 101
            assertThat(CountingConfigurator.handshakes.get()).isGreaterThan(before);
            configured.sendText("configured");
            assertThat(configured.readFrame().text()).isEqualTo("configured");
        }
    }

    @Test
    void sessionsAndHandshakesAreServedWhileNonReadersHoldBlockedSends() throws Exception {
        // A send timeout longer than opening 200 clients may take on a busy machine: all of them wait at once.
        try (WebSocketServer server = start(b -> b.sendTimeoutMillis(100_000));
             JdkClient canary = JdkClient.connect(uri(server, "/echo"))) {
            List<RawWebSocket> slow = new ArrayList<>();
            try {
                assertEchoes(canary, "before");
                slow.addAll(openNonReaders(server.port(), SLOW));

                // Every non-reader's echo is blocked on its peer, each on a thread of its own.
                await("a callback thread blocked per non-reader").atMost(Duration.ofSeconds(60))
                        .until(() -> threadsWaitingOnPeers() == SLOW);
                for (int i = 0; i < 3; i++) {
                    assertEchoes(canary, "still served " + i);
                    EchoCanary.assertFreshConnectionEchoes(server.port(), "/echo");
                    assertConfiguredHandshakeServed(server.port());
                }
                assertThat(BlockingEcho.closes).as("nobody dropped below the ceiling")
                        .noneMatch(c -> c.getCloseCode().getCode() == 1008);
                assertThat(server.connectionCount()).as("every non-reader still connected").isGreaterThanOrEqualTo(SLOW + 1);
            } finally {
                RawWebSocket.closeAll(slow);
            }
        }
    }

    @Test
    void atTheCeilingNonReadersAreDroppedAndTheOthersStillServed() throws Exception {
        int ceiling = 32;
        try (WebSocketServer server = start(b -> b.callbackThreadsMax(ceiling));
             JdkClient canary = JdkClient.connect(uri(server, "/echo"))) {
            List<RawWebSocket> slow = new ArrayList<>();
            try {
                slow.addAll(openNonReaders(server.port(), SLOW));

                // At most ceiling - runnable sends wait on their peers; the others drop theirs.
                int mayWait = ceiling - RUNNABLE_THREADS;
                await("non-readers dropped at the ceiling").atMost(Duration.ofSeconds(60))
                        .until(() -> droppedAtCeiling() >= SLOW - mayWait);
                assertThat(callbackThreads()).isLessThanOrEqualTo(ceiling);
                assertEchoes(canary, "served at the ceiling");
                EchoCanary.assertFreshConnectionEchoes(server.port(), "/echo");
                assertConfiguredHandshakeServed(server.port());
                // What the dropped peers see: their connection ends (reset or FIN), never an answer.
                await("connections of dropped peers closed").atMost(Duration.ofSeconds(30))
                        .until(() -> server.connectionCount() <= mayWait + 1);
            } finally {
                RawWebSocket.closeAll(slow);
            }
        }
    }

    @Test
    void underTheClosePolicyABlockingSendToAStalledPeerDropsItBeforeTheSendTimeout() throws Exception {
        int stalled = 20;
        try (WebSocketServer server = start(b -> b.sendQueuePolicy(SendQueuePolicy.CLOSE)
                .sendStallTimeoutMillis(500).sendTimeoutMillis(300_000).writeTimeoutMillis(0));
             JdkClient canary = JdkClient.connect(uri(server, "/echo"))) {
            List<RawWebSocket> slow = new ArrayList<>();
            try {
                slow.addAll(openNonReaders(server.port(), stalled));

                // Well within the 300 s send timeout (and no write timeout): the stall rule dropped them.
                await("stalled peers dropped").atMost(Duration.ofSeconds(60))
                        .until(() -> BlockingEcho.closes.stream().filter(BlockedSendersTest::stalledDrop).count() == stalled);
                assertThat(BlockingEcho.closes).allMatch(BlockedSendersTest::stalledDrop);
                assertEchoes(canary, "served after the drops");
                EchoCanary.assertFreshConnectionEchoes(server.port(), "/echo");
            } finally {
                RawWebSocket.closeAll(slow);
            }
        }
    }

    /**
     * Progress, not time above the high water mark, is what the close policy's stall rule looks
     * at: a peer that takes the 4 MiB answer through a 16 KiB receive buffer, pausing after each
     * read, is slow, but reads, and keeps its session. The server sees its progress only in steps
     * (the kernel takes more once a third of its send buffer drained, seconds at this pace), so
     * under a stall timeout of 2 s it was dropped; the default of 10 s keeps it.
     */
    @Test
    void underTheClosePolicyAPeerThatReadsSlowlyKeepsItsSession() throws Exception {
        try (WebSocketServer server = start(b -> b.sendQueuePolicy(SendQueuePolicy.CLOSE));
             Socket slowReader = new Socket()) {
            slowReader.setReceiveBufferSize(16 << 10);
            slowReader.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 5_000);
            slowReader.setSoTimeout(30_000);
            OutputStream out = slowReader.getOutputStream();
            InputStream in = slowReader.getInputStream();
            out.write(RawWebSocket.upgradeRequest("/download", RawWebSocket.newKey()).getBytes(StandardCharsets.US_ASCII));
            skipResponseHead(in);
            out.write(RawWebSocket.frame(true, 0, RawWebSocket.TEXT, "send".getBytes(StandardCharsets.US_ASCII), true));

            long frameBytes = 10 + ANSWER_SIZE; // RFC 6455 §5.2: a 64-bit length takes a 10-byte header
            byte[] chunk = new byte[64 << 10];
            long read = 0;
            while (read < frameBytes) {
                int n = in.read(chunk, 0, (int) Math.min(chunk.length, frameBytes - read));
                assertThat(n).as("the server ended the connection after %d bytes", read).isPositive();
                read += n;
                Thread.sleep(10);
            }
            assertThat(BlockingEcho.closes).as("a peer that reads is not dropped").isEmpty();
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    private static void skipResponseHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            assertThat(b).as("end of the upgrade response").isNotNegative();
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private static long droppedAtCeiling() {
        return BlockingEcho.closes.stream()
                .filter(c -> c.getCloseCode().getCode() == 1008
                        && c.getReasonPhrase().contains("all callback threads wait on peers that do not read"))
                .count();
    }

    private static boolean stalledDrop(CloseReason close) {
        return close.getCloseCode().getCode() == 1008 && close.getReasonPhrase().contains("nothing could be written");
    }

    private static java.net.URI uri(WebSocketServer server, String path) {
        return java.net.URI.create("ws://127.0.0.1:" + server.port() + path);
    }
}
