package io.wssocket.servlet.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Jetty 12.1.14's servlet upgrade (ee10; ee11 behaves the same) hands the upgraded connection the
 * request's own input: when the client's first bytes come with the request head, they are served,
 * but when the client waits for the 101 first, as a WebSocket client must (RFC 6455 §4.1), the
 * input ends at once (onAllDataRead with nothing read) and what the client sends next is parsed as
 * a new HTTP request. Jetty's HTTP/1.1 connection has parsed the body-less request to its end before
 * the servlet ran, so the end of its content is already queued when the upgrade turns the connection
 * into a tunnel (CONTAINERS.md). So the glue does not use the Servlet upgrade in Jetty (it takes the
 * connection over at Jetty's core level), and {@link ServletContainers#servingUpgradedConnections}
 * leaves Jetty out. When {@link #endsTheInputWhenTheClientWaitsForThe101} fails, Jetty has fixed it.
 */
class JettyUpgradeInputTest {

    @Test
    void endsTheInputWhenTheClientWaitsForThe101() throws Exception {
        try (JettyContainer container = new JettyContainer()) {
            ProbeServlet servlet = ServletUpgradeProbeTest.deploy(container);

            try (RawUpgradeClient client = RawUpgradeClient.upgrade(container.port(), "/app/probe?mode=echo")) {
                ProbeRecord record = servlet.upgraded.poll(10, TimeUnit.SECONDS);
                assertThat(client.status()).isEqualTo(101);

                // The client has sent nothing since its request and keeps its socket open.
                await().atMost(Duration.ofSeconds(10)).untilTrue(record.allDataRead);
                assertThat(record.bytesRead).hasValue(0);
                ServletUpgradeProbeTest.report(container, "client waited for the 101: " + record.summary());
            }
        }
    }

    @Test
    void servesTheConnectionWhenTheFirstBytesComeWithTheRequest() throws Exception {
        try (JettyContainer container = new JettyContainer()) {
            ProbeServlet servlet = ServletUpgradeProbeTest.deploy(container);

            try (RawUpgradeClient client = RawUpgradeClient.upgrade(container.port(), "/app/probe?mode=echo",
                    "ping".getBytes(StandardCharsets.US_ASCII))) {
                ProbeRecord record = servlet.upgraded.poll(10, TimeUnit.SECONDS);

                assertThat(client.status()).isEqualTo(101);
                assertThat(client.in().readNBytes(4)).asString(StandardCharsets.US_ASCII).isEqualTo("ping");
                client.out().write("pong".getBytes(StandardCharsets.US_ASCII));
                assertThat(client.in().readNBytes(4)).asString(StandardCharsets.US_ASCII).isEqualTo("pong");
                ServletUpgradeProbeTest.report(container, "first bytes with the request: " + record.summary());
            }
        }
    }
}
