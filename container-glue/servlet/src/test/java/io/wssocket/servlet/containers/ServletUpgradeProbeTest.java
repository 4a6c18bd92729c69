package io.wssocket.servlet.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the WebSocket bridge relies on in each container, with no WebSocket implementation
 * anywhere: a servlet upgrades with {@code HttpServletRequest.upgrade}, and a {@link ProbeUpgradeHandler}
 * serves the connection with non-blocking listeners only. The client behaves as a WebSocket client
 * does: it sends nothing after its request until it has read the 101. The handler's records go to the
 * test's output, one line per connection (CONTAINERS.md sums them up).
 *
 * <p>What follows the 101 runs in the containers that serve it ({@link ServletContainers#servingUpgradedConnections});
 * Jetty's part is {@link JettyUpgradeInputTest}.
 */
class ServletUpgradeProbeTest {
    private static final String SERVING = "io.wssocket.servlet.containers.ServletContainers#servingUpgradedConnections";

    private static final Duration END_SEEN = Duration.ofSeconds(10);

    @InEachServletContainer
    void answersTheUpgradeWithTheStatusAndHeadersTheServletSet(EmbeddedServletContainer container) throws Exception {
        ProbeServlet servlet = deploy(container);

        try (RawUpgradeClient client = RawUpgradeClient.upgrade(container.port(), "/app/probe?mode=echo")) {
            report(container, "upgrade head: " + client.statusLine() + " " + client.headers());

            assertThat(client.status()).isEqualTo(101);
            assertThat(client.header("Upgrade")).containsExactly("probe");
            assertThat(client.header("Connection")).anySatisfy(value -> assertThat(value).containsIgnoringCase("upgrade"));
            assertThat(servlet.upgraded.poll(10, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SERVING)
    void echoesAMebibyteSentInRandomSplitsWithoutBlocking(EmbeddedServletContainer container) throws Exception {
        ProbeServlet servlet = deploy(container);
        long seed = System.nanoTime();
        byte[] sent = new byte[1 << 20];
        new Random(seed).nextBytes(sent);

        try (RawUpgradeClient client = RawUpgradeClient.upgrade(container.port(), "/app/probe?mode=echo")) {
            ProbeRecord record = servlet.upgraded.poll(10, TimeUnit.SECONDS);
            // The peer reads while it writes: the echo stops reading when it cannot write.
            FutureTask<Void> sending = new FutureTask<>(() -> {
                writeInRandomSplits(client.out(), sent, new Random(seed + 1));
                return null;
            });
            new Thread(sending, "probe-client-writer").start();
            byte[] echoed = client.in().readNBytes(sent.length);
            sending.get(30, TimeUnit.SECONDS);
            report(container, "echo (seed " + seed + "): " + record.summary());

            assertThat(Arrays.mismatch(echoed, sent)).as("first byte the echo differs at, seed %d", seed).isEqualTo(-1);
            assertThat(record.bytesRead).hasValue(sent.length);
            assertThat(record.error).hasValue(null);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SERVING)
    void seesThePeerCloseItsSocket(EmbeddedServletContainer container) throws Exception {
        ProbeServlet servlet = deploy(container);
        ProbeRecord record;
        try (RawUpgradeClient client = RawUpgradeClient.upgrade(container.port(), "/app/probe?mode=echo")) {
            record = servlet.upgraded.poll(10, TimeUnit.SECONDS);
            client.out().write("ping".getBytes(StandardCharsets.US_ASCII));
            assertThat(client.in().readNBytes(4)).asString(StandardCharsets.US_ASCII).isEqualTo("ping");
        }

        await().atMost(END_SEEN).untilAsserted(() -> {
            assertThat(record.allDataRead.get() || record.readEndOfStream.get() || record.error.get() != null)
                    .as("onAllDataRead, a read of -1 or onError").isTrue();
            assertThat(record.destroyed).as("destroy() called").isTrue();
        });
        report(container, "peer closed: " + record.summary());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SERVING)
    void closingTheWebConnectionClosesTheSocket(EmbeddedServletContainer container) throws Exception {
        ProbeServlet servlet = deploy(container);

        try (RawUpgradeClient client = RawUpgradeClient.upgrade(container.port(), "/app/probe?mode=close")) {
            ProbeRecord record = servlet.upgraded.poll(10, TimeUnit.SECONDS);
            // readAllBytes returns at the end of the stream: the socket closed by the server
            byte[] received = client.in().readAllBytes();

            assertThat(received).asString(StandardCharsets.US_ASCII).isEqualTo("bye\n");
            await().atMost(END_SEEN).untilTrue(record.destroyed);
            report(container, "server closed: " + record.summary());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(SERVING)
    void writesFromAThreadOfItsOwn(EmbeddedServletContainer container) throws Exception {
        ProbeServlet servlet = deploy(container);
        ProbeRecord record;
        try (RawUpgradeClient client = RawUpgradeClient.upgrade(container.port(), "/app/probe?mode=push")) {
            record = servlet.upgraded.poll(10, TimeUnit.SECONDS);
            byte[] received = client.in().readNBytes(ProbeUpgradeHandler.PUSH_BYTES);

            byte[] expected = new byte[ProbeUpgradeHandler.PUSH_BYTES];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = ProbeUpgradeHandler.pushed(i);
            }
            assertThat(Arrays.mismatch(received, expected)).as("first byte received differs at").isEqualTo(-1);
            assertThat(record.bytesWrittenByOwnThread.get()).as("bytes written by the handler's own thread").isPositive();
        }
        await().atMost(END_SEEN).untilTrue(record.destroyed);
        report(container, "push: " + record.summary());
    }

    /**
     * What a container answers when the servlet sets neither the status nor the headers: the bridge
     * sets them itself, so this only records (and checks the container still switches).
     */
    @InEachServletContainer
    void upgradesWhenTheServletSetsNoStatusOrHeaders(EmbeddedServletContainer container) throws Exception {
        ProbeServlet servlet = deploy(container);

        try (RawUpgradeClient client = RawUpgradeClient.upgrade(container.port(), "/app/probe?mode=bare")) {
            report(container, "upgrade head, nothing set by the servlet: " + client.statusLine() + " " + client.headers());

            assertThat(client.status()).isEqualTo(101);
            assertThat(servlet.upgraded.poll(10, TimeUnit.SECONDS)).isNotNull();
        }
    }

    /**
     * The bridge upgrades from a filter on the endpoints' paths, which no servlet maps: does the
     * container run the filter there, and does the upgrade work from it?
     */
    @InEachServletContainer
    void upgradesFromAFilterWhereNoServletIsMapped(EmbeddedServletContainer container) throws Exception {
        ProbeFilter filter = new ProbeFilter();
        container.start(WebApplication.at("/app").filter("probe", filter, "/*"));

        try (RawUpgradeClient client = RawUpgradeClient.upgrade(container.port(), "/app/unmapped?mode=echo")) {
            report(container, "upgrade from a filter, no servlet mapped: " + client.statusLine() + " " + client.headers());

            assertThat(client.status()).isEqualTo(101);
            assertThat(filter.probe.upgraded.poll(10, TimeUnit.SECONDS)).isNotNull();
        }
    }

    static ProbeServlet deploy(EmbeddedServletContainer container) throws Exception {
        ProbeServlet servlet = new ProbeServlet();
        container.start(WebApplication.at("/app").servlet("probe", servlet, "/probe"));
        return servlet;
    }

    private static void writeInRandomSplits(OutputStream out, byte[] data, Random random) throws Exception {
        for (int offset = 0; offset < data.length; ) {
            int length = Math.min(data.length - offset, 1 + random.nextInt(64 * 1024));
            out.write(data, offset, length);
            out.flush();
            offset += length;
        }
    }

    static void report(EmbeddedServletContainer container, String finding) {
        System.out.println("[" + container.name() + "] " + finding);
    }
}
