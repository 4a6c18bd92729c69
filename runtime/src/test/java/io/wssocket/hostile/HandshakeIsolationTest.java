package io.wssocket.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.server.ServerConfig;
import io.wssocket.server.WebSocketServer;
import io.wssocket.test.RawWebSocket;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Handshakes run on their own bounded executor: endpoint code that holds every callback thread
 * does not delay them, and handshakes beyond the handshake queue are told to come back (503).
 */
@Timeout(60)
class HandshakeIsolationTest {
    private static final int CALLBACK_THREADS = 2;
    private static CountDownLatch release = new CountDownLatch(1);

    /** Holds its callback thread in onMessage until the test releases it (bounded: 30 s). */
    public static class Stuck extends Endpoint {
        static final AtomicInteger inside = new AtomicInteger();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, text -> {
                inside.incrementAndGet();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    /** Echoes texts; the configurator below counts, or holds, its handshakes. */
    public static class Echo extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, text -> session.getAsyncRemote().sendText(text));
        }
    }

    public static class CountingConfigurator extends ServerEndpointConfig.Configurator {
        static final AtomicInteger handshakes = new AtomicInteger();

        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            handshakes.incrementAndGet();
        }
    }

    /** Holds its handshake thread until the test releases it (bounded: 30 s). */
    public static class HoldingConfigurator extends ServerEndpointConfig.Configurator {
        static final AtomicInteger entered = new AtomicInteger();

        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            entered.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final List<RawWebSocket> clients = new ArrayList<>();

    @AfterEach
    void releaseAndClose() throws Exception {
        release.countDown();
        for (RawWebSocket client : clients) {
            client.close();
        }
        release = new CountDownLatch(1);
        Stuck.inside.set(0);
        HoldingConfigurator.entered.set(0);
    }

    private static WebSocketServer start(Consumer<ServerConfig.Builder> configure) throws Exception {
        ServerConfig.Builder builder = ServerConfig.builder().host("127.0.0.1").port(0).eventLoops(1)
                .virtualThreads(false).callbackThreads(CALLBACK_THREADS)
                .shutdownTimeoutMillis(500); // raw clients never answer the server's closing 1001
        configure.accept(builder);
        WebSocketServer server = WebSocketServer.create(builder.build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(Stuck.class, "/stuck").build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(Echo.class, "/counted")
                .configurator(new CountingConfigurator()).build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(Echo.class, "/held")
                .configurator(new HoldingConfigurator()).build());
        server.start();
        return server;
    }

    private RawWebSocket client(RawWebSocket client) {
        clients.add(client);
        return client;
    }

    @Test
    void aHandshakeDoesNotWaitBehindEndpointCodeHoldingEveryCallbackThread() throws Exception {
        try (WebSocketServer server = start(b -> { })) {
            for (int i = 0; i < CALLBACK_THREADS; i++) {
                client(RawWebSocket.open(server.port(), "/stuck")).sendText("hold your thread");
            }
            await("every callback thread inside onMessage").atMost(Duration.ofSeconds(10))
                    .until(() -> Stuck.inside.get() == CALLBACK_THREADS);

            int before = CountingConfigurator.handshakes.get();
            client(RawWebSocket.open(server.port(), "/counted")); // asserts the 101
            assertThat(CountingConfigurator.handshakes.get()).as("the configurator ran").isGreaterThan(before);

            release.countDown();
            EchoCanary.assertFreshConnectionEchoes(server.port(), "/counted");
        }
    }

    @Test
    void handshakesBeyondTheQueueAreToldToComeBack() throws Exception {
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try (WebSocketServer server = start(b -> b.handshakeThreads(1).handshakeQueue(1))) {
            RawWebSocket holding = client(RawWebSocket.connect(server.port()));
            holding.sendRaw(RawWebSocket.upgradeRequest("/held", RawWebSocket.newKey()).getBytes(StandardCharsets.US_ASCII));
            await("the only handshake thread held").atMost(Duration.ofSeconds(10))
                    .until(() -> HoldingConfigurator.entered.get() == 1);

            // One of the next two waits in the queue, the other finds it full; which one is up to the event loop.
            List<CompletableFuture<RawWebSocket.HttpResponse>> answers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                RawWebSocket next = client(RawWebSocket.connect(server.port()));
                next.sendRaw(RawWebSocket.upgradeRequest("/counted", RawWebSocket.newKey()).getBytes(StandardCharsets.US_ASCII));
                answers.add(CompletableFuture.supplyAsync(() -> readHead(next), readers));
            }
            Object first = CompletableFuture.anyOf(answers.toArray(new CompletableFuture<?>[0])).get(10, TimeUnit.SECONDS);
            RawWebSocket.HttpResponse refused = (RawWebSocket.HttpResponse) first;
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isNotBlank();

            release.countDown();
            assertThat(holding.readHttpHead().status()).isEqualTo(101);
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<RawWebSocket.HttpResponse> answer : answers) {
                statuses.add(answer.get(10, TimeUnit.SECONDS).status());
            }
            assertThat(statuses).containsExactlyInAnyOrder(101, 503);
        } finally {
            readers.shutdownNow();
        }
    }

    private static RawWebSocket.HttpResponse readHead(RawWebSocket client) {
        try {
            return client.readHttpHead();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
