package io.wssocket.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.test.EchoEndpoint;
import io.wssocket.test.RunningServer;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 10,000 client sessions opened, used and closed through {@code ContainerProvider}: afterwards no
 * thread of the client is left, the shared transport holds no lease, the server has no
 * connection, the sessions themselves are garbage, and direct buffers are no more than after a
 * warm-up round (the JDK caches a few per thread that writes heap buffers to sockets; a leak would
 * grow with the number of sessions).
 */
class ClientSessionLeakTest {
    private static final int WARM_UP = 1_000;
    private static final int SESSIONS = 10_000;
    private static final int CONCURRENT = 16;
    private static final Duration SETTLE = Duration.ofSeconds(20);

    @RegisterExtension
    static final RunningServer server = RunningServer.withEndpoints(
            c -> c.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build()));

    /** Completes with the first text message. */
    public static class FirstMessage extends Endpoint {
        final CompletableFuture<String> reply = new CompletableFuture<>();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, reply::complete);
        }
    }

    @Test
    void tenThousandSessionsLeaveNothingBehind() throws Exception {
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        run(container, WARM_UP);
        awaitAllReleased();
        long directBuffersAfterWarmUp = collectedDirectBufferCount();

        List<WeakReference<Session>> sample = run(container, SESSIONS);
        assertThat(sample).hasSize(SESSIONS / 100);
        awaitAllReleased();
        await("sessions collected").atMost(SETTLE).pollInterval(Duration.ofMillis(200)).until(() -> {
            System.gc();
            return sample.stream().allMatch(ref -> ref.get() == null);
        });
        assertThat(collectedDirectBufferCount()).as("direct buffers after %d more sessions", SESSIONS)
                .isLessThanOrEqualTo(directBuffersAfterWarmUp);
    }

    /** Opens {@code count} sessions, 16 at a time, each echoing one message; weak references to every 100th. */
    private static List<WeakReference<Session>> run(WebSocketContainer container, int count) throws Exception {
        ExecutorService users = Executors.newFixedThreadPool(CONCURRENT);
        List<WeakReference<Session>> sample = new ArrayList<>();
        try {
            List<Future<WeakReference<Session>>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                results.add(users.submit(() -> {
                    FirstMessage endpoint = new FirstMessage();
                    Session session = container.connectToServer(endpoint, null, server.uri("/echo"));
                    session.getBasicRemote().sendText("n" + n);
                    assertThat(endpoint.reply.get(10, TimeUnit.SECONDS)).isEqualTo("n" + n);
                    session.close();
                    return n % 100 == 0 ? new WeakReference<>(session) : null;
                }));
            }
            for (Future<WeakReference<Session>> result : results) {
                WeakReference<Session> ref = result.get(60, TimeUnit.SECONDS);
                if (ref != null) {
                    sample.add(ref);
                }
            }
        } finally {
            users.shutdownNow();
            users.awaitTermination(10, TimeUnit.SECONDS);
        }
        return sample;
    }

    private static void awaitAllReleased() {
        await("the shared client transport released").atMost(SETTLE)
                .until(() -> SharedClientTransport.jvmWide().leases() == 0);
        await("no client thread left").atMost(SETTLE).until(() -> clientThreads().isEmpty());
        await("the server's connections gone").atMost(SETTLE).until(() -> server.server().connectionCount() == 0);
    }

    private static List<String> clientThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("wssocket-client")).toList();
    }

    /** Direct buffers still reachable: after a collection, so that unreachable ones have been freed. */
    private static long collectedDirectBufferCount() throws InterruptedException {
        long count = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            count = Math.min(count, ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                    .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getCount).sum());
        }
        return count;
    }
}
