package io.wssocket.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.cdi.app.CountedEndpoint;
import io.wssocket.cdi.app.Lifecycle;
import io.wssocket.cdi.app.PerCallback;
import io.wssocket.cdi.app.PerConnection;
import io.wssocket.test.RawWebSocket;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many sessions opened and closed leave no CDI instance or creational context behind: each cycle
 * is a real connection through the server (handshake, onOpen with a request- and a
 * connection-scoped bean, close handshake), from a raw socket client so the cycles stay cheap.
 * The heap is then counted by class after a full collection.
 */
@Timeout(300)
class LeakTest {
    private static final int CYCLES = Integer.getInteger("wssocket.cdi.leakCycles", 100_000);
    private static final int CLIENT_THREADS = 4;
    private static final int EVENT_LOOPS = 2; // CdiServer's
    @RegisterExtension
    static final CdiServer server = CdiServer.with(
            List.of(CountedEndpoint.class, PerCallback.class, PerConnection.class),
            List.of(CountedEndpoint.class));

    @Test
    void openAndCloseCyclesLeaveNothingBehind() throws Exception {
        long creationalContextsBefore = liveObjects("org.jboss.weld.contexts.CreationalContextImpl");
        long started = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < CLIENT_THREADS; t++) {
                int share = CYCLES / CLIENT_THREADS + (t < CYCLES % CLIENT_THREADS ? 1 : 0);
                runs.add(clients.submit(() -> cycles(share)));
            }
            for (Future<?> run : runs) {
                run.get(250, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.printf("%d open/close cycles with CDI in %d ms (%.0f per second)%n", CYCLES, millis, CYCLES * 1000.0 / millis);

        await().atMost(Duration.ofSeconds(30)).until(() -> server.cdi().application().observedSessions() == 0);
        assertThat(server.cdi().application().liveInstances()).isZero();
        assertThat(Lifecycle.countOf("request bean destroyed")).isEqualTo(CYCLES);
        assertThat(Lifecycle.countOf("connection bean destroyed")).isEqualTo(CYCLES);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            System.gc();
            assertThat(CountedEndpoint.live()).as("endpoint instances still reachable").isZero();
            assertThat(liveObjects(CountedEndpoint.class.getName())).isZero();
            assertThat(liveObjects(PerConnection.class.getName())).isZero();
            assertThat(liveObjects(PerCallback.class.getName())).isZero();
            // A closed connection stays attached to its cancelled selection key until its event
            // loop's next select deregisters it: at most one session per loop, never one per cycle.
            assertThat(liveObjects("io.wssocket.session.WsSession")).isLessThanOrEqualTo(EVENT_LOOPS);
            // Weld keeps a few of its own; none may be left per session.
            assertThat(liveObjects("org.jboss.weld.contexts.CreationalContextImpl"))
                    .isLessThanOrEqualTo(creationalContextsBefore + 10);
        });
    }

    private static Void cycles(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            try (RawWebSocket ws = RawWebSocket.open(server.server().port(), "/counted")) {
                assertThat(ws.readFrame().text()).contains("/"); // onOpen ran with both scopes
                ws.sendClose(1000, "");
                assertThat(ws.readCloseFrame().code()).isEqualTo(1000);
                ws.awaitEof(Duration.ofSeconds(5)); // the server closes first, so TIME_WAIT stays on its side
            }
        }
        return null;
    }

    /** Instances of {@code className} on the heap after a full collection (the JVM's class histogram). */
    private static long liveObjects(String className) throws Exception {
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Matcher line = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+" + Pattern.quote(className) + "(\\s|$)",
                Pattern.MULTILINE).matcher(histogram);
        return line.find() ? Long.parseLong(line.group(1)) : 0;
    }
}
