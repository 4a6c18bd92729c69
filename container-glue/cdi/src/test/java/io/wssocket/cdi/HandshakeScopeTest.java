package io.wssocket.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wssocket.cdi.app.HandshakeStamp;
import io.wssocket.cdi.app.Lifecycle;
import io.wssocket.cdi.app.StampedEndpoint;
import io.wssocket.test.JdkClient;
import io.wssocket.test.RawWebSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The request context is active around a handshake's configurator calls: one scope per handshake. */
@Timeout(30)
class HandshakeScopeTest {
    @RegisterExtension
    static final CdiServer server = CdiServer.with(List.of(StampedEndpoint.class, HandshakeStamp.class),
            List.of(StampedEndpoint.class));

    @Test
    void aRequestScopedBeanServesEveryConfiguratorCallOfOneHandshakeAndEndsWithIt() throws Exception {
        String first = stampOfHandshake();
        String second = stampOfHandshake();
        assertThat(second).isNotEqualTo(first);
        await().atMost(Duration.ofSeconds(5)).until(() -> Lifecycle.countOf(
                "stamp destroyed after checkOrigin,modifyHandshake,getEndpointInstance") == 2);
    }

    @Test
    void theEndpointOpenedAfterItWorks() throws Exception {
        try (JdkClient client = JdkClient.connect(server.uri("/stamped"))) {
            assertThat(client.ask("hi")).isEqualTo("hi");
        }
    }

    private static String stampOfHandshake() throws Exception {
        try (RawWebSocket raw = RawWebSocket.connect(server.server().port())) {
            raw.sendRaw(RawWebSocket.upgradeRequest("/stamped", RawWebSocket.newKey()));
            RawWebSocket.HttpResponse response = raw.readHttpHead();
            assertThat(response.status()).isEqualTo(101);
            return response.header("X-Stamp");
        }
    }
}
